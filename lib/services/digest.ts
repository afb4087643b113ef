import 'server-only';
/** The assessment digest: SHA-256 of input snapshot, rules version and evaluation in one canonical document. */
import { canonicalJson, sha256Hex } from '@/lib/integrity/hash';

export { canonicalJson };

export function assessmentDigest(parts: { input: unknown; rulesVersion: string; evaluation: unknown }): string {
  return sha256Hex(canonicalJson({ input: parts.input, rulesVersion: parts.rulesVersion, evaluation: parts.evaluation }));
}
