import 'server-only';
/**
 * Assessments: validate → evaluate (authoritative, on the server) → persist with a SHA-256 digest.
 * Saved assessments are never updated.
 */
import type { Actor } from '@/lib/auth/actor';
import { findAssessment, findAssessmentBySubmission, findCorrection, insertAssessment, listAssessmentsForPatient, type AssessmentRow } from '@/lib/db/assessments';
import { isUniqueViolation } from '@/lib/db/errors';
import { withTransaction } from '@/lib/db/transaction';
import { logger } from '@/lib/logger';
import { audit, auditIn } from './audit';
import { readScope, refusedWriteReason } from './break-glass';
import { findPatient } from '@/lib/db/patients';
import { RULES_VERSION, evaluateFindings, type Evaluation, type TEvaluationInput } from '@/lib/rules';
import { ageOn, assessmentDateOf, assessmentFormSchema, toEvaluationInput } from '@/lib/schemas/assessment';
import { assessmentDigest, canonicalJson } from './digest';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export interface Assessment extends Omit<AssessmentRow, 'input' | 'evaluation'> {
  input: TEvaluationInput;
  evaluation: Evaluation;
}

const asAssessment = (row: AssessmentRow): Assessment => ({ ...row, input: row.input as TEvaluationInput, evaluation: row.evaluation as Evaluation });

export interface CreateAssessmentOptions {
  patientId: string;
  /** The form values as submitted (validated here again). */
  form: unknown;
  /**
   * Today (YYYY-MM-DD), from the server's clock at the route. The assessment date is the form's
   * `assessedOn` when set (never later than today), else this.
   */
  asOf: string;
  /** Set when this assessment corrects an earlier one of the same patient (which stays readable). */
  supersedesId?: string | null;
  /**
   * The idempotency key of the form submission (made once per form, sent again on a retry): a retry
   * of a save that was committed but whose answer was lost returns that assessment, never a second one.
   */
  submissionKey?: string | null;
}

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The earlier save of this submission: the same assessment when the findings match, else a refusal.
 * Compared in canonical form: PostgreSQL's jsonb gives the stored object back with its keys reordered.
 */
function replayOf(row: AssessmentRow, patientId: string, supersedesId: string | null, input: unknown): ServiceResult<{ id: string }> {
  if (row.patientId === patientId && row.supersedesId === supersedesId && canonicalJson(row.input) === canonicalJson(input)) return { ok: true, data: { id: row.id } };
  return invalid('This form was already saved, with other findings. Open the saved assessment from the patient page and correct it there.');
}

export async function createAssessment(actor: Actor, { patientId, form, asOf: today, supersedesId = null, submissionKey = null }: CreateAssessmentOptions): Promise<ServiceResult<{ id: string }>> {
  const action = supersedesId === null ? 'assessment.create' : 'assessment.correct';
  const patient = await findPatient({ organisationId: actor.organisationId, patientId });
  if (!patient) {
    // Another clinic's patient (or one readable only under a break-glass grant, which is read-only): refused and recorded.
    await audit(actor, { action, recordType: 'patient', recordId: patientId.slice(0, 64), outcome: 'denied', detail: await refusedWriteReason(actor, patientId) });
    return invalid('Patient not found');
  }
  if (submissionKey !== null && !SUBMISSION_KEY.test(submissionKey)) return invalid('The form submission is not valid: reload the page and enter the findings again');
  const earlierSave = submissionKey === null ? null : await findAssessmentBySubmission({ organisationId: actor.organisationId, authorId: actor.userId, submissionKey });
  if (supersedesId !== null && !earlierSave) {
    // An empty or foreign id is checked like any other: never left to the database's foreign key.
    const earlier = supersedesId === '' ? null : await findAssessment({ organisationId: actor.organisationId, assessmentId: supersedesId });
    if (!earlier || earlier.patientId !== patientId) {
      await audit(actor, { action, patientId, recordType: 'assessment', recordId: supersedesId.slice(0, 64), outcome: 'denied', detail: 'corrected-assessment-not-found' });
      return invalid('The assessment being corrected was not found for this patient');
    }
    if (await findCorrection({ organisationId: actor.organisationId, assessmentId: supersedesId })) {
      return invalid('That assessment has already been corrected: correct the latest version instead');
    }
  }
  const parsed = assessmentFormSchema(today).safeParse(form);
  if (!parsed.success) return invalid('Some findings need correcting before the assessment can be saved', fieldErrorsOf(parsed.error.issues));
  const asOf = assessmentDateOf(parsed.data, today);
  const input = toEvaluationInput(parsed.data, { ageYears: ageOn(patient.birthDate, asOf), sex: patient.sex === 'male' ? 'male' : 'female' }, asOf);
  let evaluation: Evaluation;
  try {
    evaluation = evaluateFindings(input, { asOf });
  } catch (e) {
    // Fail safe: never save (or show) a partial evaluation as if nothing were found.
    logger.error({ err: (e as Error).message, patientId }, 'evaluation failed');
    await audit(actor, { action: 'assessment.create', patientId, recordType: 'assessment', outcome: 'failure', detail: 'evaluation-error' });
    return invalid('Assessment incomplete: the evaluation could not be completed, so nothing was saved. Try again; if it persists, report it.');
  }
  // Round-trip through JSON so what is hashed is exactly what is stored.
  const stored = JSON.parse(JSON.stringify({ input, evaluation })) as { input: TEvaluationInput; evaluation: Evaluation };
  if (earlierSave) {
    const replay = replayOf(earlierSave, patientId, supersedesId, stored.input);
    await audit(actor, { action: 'assessment.retry', patientId, recordType: 'assessment', recordId: earlierSave.id, outcome: replay.ok ? 'success' : 'denied', detail: replay.ok ? 'already-saved' : 'different-findings' });
    return replay;
  }
  let row: { id: string };
  try {
    row = await withTransaction(async (tx) => {
      const inserted = await insertAssessment({
        organisationId: actor.organisationId, patientId, authorId: actor.userId, asOf, rulesVersion: RULES_VERSION,
        input: stored.input, evaluation: stored.evaluation,
        digest: assessmentDigest({ input: stored.input, rulesVersion: RULES_VERSION, evaluation: stored.evaluation }),
        supersedesId, submissionKey,
      }, tx);
      await auditIn(tx, actor, { action: supersedesId ? 'assessment.correct' : 'assessment.create', patientId, recordType: 'assessment', recordId: inserted.id, detail: supersedesId ? `supersedes=${supersedesId}` : null });
      return inserted;
    });
  } catch (e) {
    // The same submission twice at once: the database keeps one, the other answers with it.
    if (submissionKey !== null && isUniqueViolation(e)) {
      const saved = await findAssessmentBySubmission({ organisationId: actor.organisationId, authorId: actor.userId, submissionKey });
      if (saved) return replayOf(saved, patientId, supersedesId, stored.input);
    }
    // Two corrections of the same assessment at once: the database keeps the chain linear.
    if (isUniqueViolation(e)) return invalid('That assessment has already been corrected: correct the latest version instead');
    throw e;
  }
  return { ok: true, data: { id: row.id } };
}

/** One saved assessment of the actor's organisation; `purpose` names the read in the audit trail. */
export async function getAssessment(actor: Actor, assessmentId: string, purpose = 'read'): Promise<Assessment | null> {
  const row = await findAssessment({ ...(await readScope(actor)), assessmentId });
  const elsewhere = row !== null && row.organisationId !== actor.organisationId;
  await audit(actor, { action: `assessment.${purpose}`, recordType: 'assessment', recordId: assessmentId.slice(0, 64), patientId: row?.patientId ?? null, outcome: row ? 'success' : 'denied', detail: elsewhere ? 'break-glass' : null });
  return row ? asAssessment(row) : null;
}

export async function listAssessments(actor: Actor, patientId: string): Promise<Assessment[]> {
  const rows = await listAssessmentsForPatient({ ...(await readScope(actor)), patientId });
  await audit(actor, { action: 'assessment.list', recordType: 'assessment', patientId, detail: `count=${rows.length}` });
  return rows.map(asAssessment);
}

/** Whether a saved assessment still matches its digest. */
export function verifyDigest(a: Assessment): boolean {
  return assessmentDigest({ input: a.input, rulesVersion: a.rulesVersion, evaluation: a.evaluation }) === a.digest;
}

/** The assessment that corrected this one, if any. */
/** Not audited on its own: it is part of reading the assessment it corrects. */
export async function getCorrection(actor: Actor, assessmentId: string): Promise<Assessment | null> {
  const row = await findCorrection({ ...(await readScope(actor)), assessmentId });
  return row ? asAssessment(row) : null;
}
