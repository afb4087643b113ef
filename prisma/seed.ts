/**
 * Idempotent demo data: one clinic, one clinician, and one patient per clinical
 * scenario. Every write is an upsert keyed on a natural key (organisation slug,
 * user email, organisation + MRN), so running it again changes nothing.
 *
 * Run with `npm run db:seed` (DATABASE_URL as for the app, see lib/env.ts).
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { createDbClient, type PrismaClient } from '../lib/db/client';
import { env } from '../lib/env';

interface DemoPatient {
  mrn: string;
  givenName: string;
  familyName: string;
  /** ISO "YYYY-MM-DD". */
  birthDate: string;
  sex: 'female' | 'male';
  /** Why this patient exists: the scenario the demo walks through. */
  scenario: string;
}

const DEMO_ORGANISATION = { slug: 'demo', name: 'Demo Sleep Clinic' } as const;

/** Demo accounts (demo data only: the passwords are printed by npm start). */
export const DEMO_USERS = [
  { email: 'clinician@demo.test', name: 'Dr Demo Clinician', role: 'clinician', password: 'demo-clinician-2026' },
  { email: 'admin@demo.test', name: 'Demo Admin', role: 'admin', password: 'demo-admin-2026' },
] as const;

/** A second clinic, so organisation scoping and break-glass access can be seen in the demo. */
const OTHER_ORGANISATION = { slug: 'north-valley', name: 'North Valley Neurology' } as const;
const OTHER_USER = { email: 'clinician@northvalley.test', name: 'Dr North Valley', role: 'clinician', password: 'north-valley-2026' } as const;
const OTHER_PATIENT = { mrn: 'NV-001', givenName: 'Noor', familyName: 'Valley', birthDate: '1966-03-08', sex: 'female' } as const;

/**
 * The HL7 CDS Hooks sandbox as a trusted CDS Hooks client of the Demo clinic: its issuer and its
 * public signing key, pinned (from the sandbox build's .well-known/jwks.json; never fetched from
 * its `jku`). Its FHIR server on loopback (../shared/tools/cds-hooks-sandbox/run.mjs) may be called back.
 */
export const SANDBOX_CLIENT = {
  name: 'CDS Hooks sandbox (HL7)',
  issuer: 'https://sandbox.cds-hooks.org',
  jwks: {
    keys: [{
      kty: 'EC', use: 'sig', crv: 'P-384', kid: '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f', alg: 'ES384',
      x: 'dw_JGR8nB2I6XveNxUOl2qk699ZPLM2nYI5STSdiEl9avAkrm3CkfYMbrrjr8laB',
      y: 'Sm3mLE-n1zYNla_aiE3cb3nZsL51RbC7ysw3q8aJLxGm-hx79RPMYpITDjp7kgzy',
    }],
  },
  fhirServers: ['http://127.0.0.1:8090', 'http://localhost:8090'],
} as const;

/** A user with a credential account (Better Auth's scrypt hash); an existing password is kept. */
async function upsertUser(db: PrismaClient, organisationId: string, u: { email: string; name: string; role: string; password: string }): Promise<void> {
  const user = await db.user.upsert({
    where: { email: u.email },
    create: { email: u.email, name: u.name, role: u.role, organisationId, emailVerified: true },
    update: { name: u.name, role: u.role, organisationId },
    select: { id: true },
  });
  const existing = await db.account.findFirst({ where: { userId: user.id, providerId: 'credential' }, select: { id: true } });
  if (!existing) {
    // Better Auth signs in only a credential account whose accountId is the user id.
    await db.account.create({ data: { id: randomUUID(), userId: user.id, accountId: user.id, providerId: 'credential', password: await hashPassword(u.password) } });
  }
}

const DEMO_PATIENTS: readonly DemoPatient[] = [
  { mrn: 'DEMO-001', givenName: 'Ada', familyName: 'Iron', birthDate: '1979-04-12', sex: 'female', scenario: 'iron deficiency' },
  { mrn: 'DEMO-002', givenName: 'Ben', familyName: 'Kidney', birthDate: '1958-09-03', sex: 'male', scenario: 'chronic kidney disease' },
  { mrn: 'DEMO-003', givenName: 'Cara', familyName: 'Pregnant', birthDate: '1995-01-27', sex: 'female', scenario: 'pregnancy' },
];

async function seed(): Promise<void> {
  const db = createDbClient(env.DATABASE_URL);
  try {
    const organisation = await db.organisation.upsert({
      where: { slug: DEMO_ORGANISATION.slug },
      create: DEMO_ORGANISATION,
      update: { name: DEMO_ORGANISATION.name },
      select: { id: true },
    });

    for (const u of DEMO_USERS) await upsertUser(db, organisation.id, u);
    const sandbox = { organisationId: organisation.id, name: SANDBOX_CLIENT.name, issuer: SANDBOX_CLIENT.issuer, jwks: JSON.stringify(SANDBOX_CLIENT.jwks), fhirServers: JSON.stringify(SANDBOX_CLIENT.fhirServers) };
    await db.cdsClient.upsert({ where: { issuer: sandbox.issuer }, create: sandbox, update: sandbox, select: { id: true } });

    const other = await db.organisation.upsert({ where: { slug: OTHER_ORGANISATION.slug }, create: OTHER_ORGANISATION, update: { name: OTHER_ORGANISATION.name }, select: { id: true } });
    await upsertUser(db, other.id, OTHER_USER);
    const { mrn, ...otherDetails } = OTHER_PATIENT;
    await db.patient.upsert({ where: { organisationId_mrn: { organisationId: other.id, mrn } }, create: { ...otherDetails, mrn, organisationId: other.id }, update: otherDetails, select: { id: true } });

    for (const patient of DEMO_PATIENTS) {
      const details = { givenName: patient.givenName, familyName: patient.familyName, birthDate: patient.birthDate, sex: patient.sex };
      await db.patient.upsert({
        where: { organisationId_mrn: { organisationId: organisation.id, mrn: patient.mrn } },
        create: { ...details, mrn: patient.mrn, organisationId: organisation.id },
        update: details,
        select: { id: true },
      });
    }

    const [organisations, users, patients] = await Promise.all([
      db.organisation.count(),
      db.user.count(),
      db.patient.count({ where: { organisationId: organisation.id } }),
    ]);
    console.log(
      `Seeded "${DEMO_ORGANISATION.name}" (${DEMO_USERS.map((u) => u.email).join(', ')}; ${DEMO_PATIENTS.map((p) => `${p.mrn} ${p.scenario}`).join(', ')}) and "${OTHER_ORGANISATION.name}": ` +
        `${organisations} organisation(s), ${users} user(s), ${patients} demo patient(s).`,
    );
  } finally {
    await db.$disconnect();
  }
}

// Run only as a script (the e2e tests import DEMO_USERS).
if (process.argv[1]?.endsWith('seed.ts')) await seed();
