/** Assessment repository: insert-only, every query scoped by organisation. */
import { getDb, type Db } from './client';
import type { Prisma } from './generated/client';

export interface AssessmentRow {
  id: string;
  organisationId: string;
  patientId: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  asOf: string;
  rulesVersion: string;
  input: unknown;
  evaluation: unknown;
  digest: string;
  supersedesId: string | null;
}

const select = {
  id: true, organisationId: true, patientId: true, authorId: true, createdAt: true, asOf: true, rulesVersion: true,
  input: true, evaluation: true, digest: true, supersedesId: true, author: { select: { name: true } },
} as const;

type Selected = Prisma.AssessmentGetPayload<{ select: typeof select }>;
const toRow = ({ author, ...rest }: Selected): AssessmentRow => ({ ...rest, authorName: author.name });

export interface InsertAssessmentOptions {
  organisationId: string;
  patientId: string;
  authorId: string;
  asOf: string;
  rulesVersion: string;
  /** JSON-serialisable snapshots (plain data, already round-tripped through JSON). */
  input: unknown;
  evaluation: unknown;
  digest: string;
  supersedesId?: string | null;
  /** The form submission's idempotency key (unique per author). */
  submissionKey?: string | null;
}

/**
 * A JSON snapshot handed to Prisma as it is. Given a plain object, Prisma walks it node by node to
 * build its query (an evaluation has thousands: 13 % of a save's CPU in the load test's profile); a
 * value with `toJSON()` (an InputJsonValue Prisma accepts) is taken whole. The stored JSON is the same.
 */
const wholeJson = (value: unknown): Prisma.InputJsonValue => ({ toJSON: () => value });

/** Answers with the new id only: reading the stored snapshots back (and the author) would cost a join and a parse of the whole evaluation per save. */
export async function insertAssessment(options: InsertAssessmentOptions, db: Db = getDb()): Promise<{ id: string }> {
  const data = { ...options, input: wholeJson(options.input), evaluation: wholeJson(options.evaluation), supersedesId: options.supersedesId ?? null, submissionKey: options.submissionKey ?? null };
  return db.assessment.create({ data, select: { id: true } });
}

interface Scope {
  organisationId: string;
  /** Patients of other organisations readable under break-glass grants. */
  grantedPatientIds?: readonly string[];
}

const scoped = ({ organisationId, grantedPatientIds = [] }: Scope) =>
  ({ OR: [{ organisationId }, ...(grantedPatientIds.length > 0 ? [{ patientId: { in: [...grantedPatientIds] } }] : [])] });

export async function findAssessment({ assessmentId, ...scope }: Scope & { assessmentId: string }): Promise<AssessmentRow | null> {
  const row = await getDb().assessment.findFirst({ where: { id: assessmentId, ...scoped(scope) }, select });
  return row ? toRow(row) : null;
}

export async function listAssessmentsForPatient({ patientId, ...scope }: Scope & { patientId: string }): Promise<AssessmentRow[]> {
  const rows = await getDb().assessment.findMany({ where: { patientId, ...scoped(scope) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select });
  return rows.map(toRow);
}

/** The assessment an author saved with this submission key, if any (a retried save). */
export async function findAssessmentBySubmission({ organisationId, authorId, submissionKey }: { organisationId: string; authorId: string; submissionKey: string }): Promise<AssessmentRow | null> {
  const row = await getDb().assessment.findFirst({ where: { organisationId, authorId, submissionKey }, select });
  return row ? toRow(row) : null;
}

/** The correction that replaced an assessment, if any (corrections form a single chain). */
export async function findCorrection({ assessmentId, ...scope }: Scope & { assessmentId: string }): Promise<AssessmentRow | null> {
  const row = await getDb().assessment.findFirst({ where: { supersedesId: assessmentId, ...scoped(scope) }, select });
  return row ? toRow(row) : null;
}
