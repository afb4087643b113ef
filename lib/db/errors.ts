/** Database errors the services turn into field-level messages. */
/**
 * A unique constraint refused the write: P2002 from a model query, or P2010 (raw query failed) whose
 * driver error is a unique violation (the audit repository's INSERT, lib/db/audit.ts).
 */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || !('code' in e)) return false;
  const { code, meta } = e as { code: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return code === 'P2002' || (code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation');
}

/**
 * The audit chain's next `seq` (or hash) was taken by another writer between reading the head and
 * appending: the transaction is undone and run again (lib/db/transaction.ts).
 */
export function isAuditSeqCollision(e: unknown): boolean {
  return isUniqueViolation(e) && /seq|audit/i.test(JSON.stringify((e as { meta?: unknown }).meta ?? ''));
}
