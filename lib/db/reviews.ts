/** Review repository: append-only, scoped by organisation. */
import { getDb, type Db } from './client';

export interface ReviewRow {
  id: string;
  assessmentId: string;
  targetType: string;
  targetId: string;
  decision: string;
  reasonCode: string | null;
  comment: string | null;
  authorName: string;
  createdAt: Date;
}

const select = {
  id: true, assessmentId: true, targetType: true, targetId: true, decision: true, reasonCode: true, comment: true, createdAt: true,
  author: { select: { name: true } },
} as const;

export interface InsertReviewOptions {
  organisationId: string;
  assessmentId: string;
  authorId: string;
  targetType: string;
  targetId: string;
  decision: string;
  reasonCode: string | null;
  comment: string | null;
}

export async function insertReview(options: InsertReviewOptions, db: Db = getDb()): Promise<ReviewRow> {
  const { author, ...row } = await db.review.create({ data: options, select });
  return { ...row, authorName: author.name };
}

/** Every review of an assessment, oldest first (the last one per target is in force). */
export async function listReviews({ organisationId, assessmentId }: { organisationId: string; assessmentId: string }): Promise<ReviewRow[]> {
  const rows = await getDb().review.findMany({ where: { organisationId, assessmentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select });
  return rows.map(({ author, ...row }) => ({ ...row, authorName: author.name }));
}

/** Reviews of several assessments (a patient's history), oldest first. */
export async function listReviewsForAssessments({ organisationId, assessmentIds }: { organisationId: string; assessmentIds: string[] }): Promise<ReviewRow[]> {
  const rows = await getDb().review.findMany({ where: { organisationId, assessmentId: { in: assessmentIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select });
  return rows.map(({ author, ...row }) => ({ ...row, authorName: author.name }));
}
