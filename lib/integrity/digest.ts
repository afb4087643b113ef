/**
 * The assessment digest: SHA-256 of input snapshot, rules version and evaluation in one canonical
 * document. Not server-only: the restore command checks every restored assessment with it.
 */
import { canonicalJson, sha256Hex } from './hash';

export function assessmentDigest(parts: { input: unknown; rulesVersion: string; evaluation: unknown }): string {
  return sha256Hex(canonicalJson({ input: parts.input, rulesVersion: parts.rulesVersion, evaluation: parts.evaluation }));
}
