/**
 * Idempotent demo data: one clinic, one clinician, and one patient per clinical
 * scenario. Every write is an upsert keyed on a natural key (organisation slug,
 * user email, organisation + MRN), so running it again changes nothing.
 *
 * Run with `npm run db:seed` (DATABASE_URL as for the app, see lib/env.ts).
 */
import { createDbClient } from '../lib/db/client';
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

const DEMO_CLINICIAN = { email: 'clinician@demo.test', name: 'Dr Demo Clinician', role: 'clinician' } as const;

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

    await db.user.upsert({
      where: { email: DEMO_CLINICIAN.email },
      create: { ...DEMO_CLINICIAN, organisationId: organisation.id },
      update: { name: DEMO_CLINICIAN.name, role: DEMO_CLINICIAN.role, organisationId: organisation.id },
      select: { id: true },
    });

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
      `Seeded "${DEMO_ORGANISATION.name}" (${DEMO_CLINICIAN.email}; ${DEMO_PATIENTS.map((p) => `${p.mrn} ${p.scenario}`).join(', ')}): ` +
        `${organisations} organisation(s), ${users} user(s), ${patients} demo patient(s).`,
    );
  } finally {
    await db.$disconnect();
  }
}

await seed();
