import 'server-only';
/** The assessment digest (lib/integrity/digest.ts, shared with the restore command). */
export { canonicalJson } from '@/lib/integrity/hash';
export { assessmentDigest } from '@/lib/integrity/digest';
