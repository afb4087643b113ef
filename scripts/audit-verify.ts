/**
 * npm run --silent audit:verify — walks the audit chain from the first event, then checks it against
 * the signed anchors of the anchor log (AUDIT_ANCHOR_LOG, signed with AUDIT_ANCHOR_KEY).
 * Exits 0 and prints {"ok":true,...} when intact; exits 1 naming what is wrong otherwise: the first
 * broken event, a missing tail, rewritten history, reused sequence numbers, or a missing or forged anchor.
 */
import { listAllAuditEvents } from '../lib/db/audit';
import { getDb } from '../lib/db/client';
import { anchorFiles, checkAgainstAnchors, readAnchorLog } from '../lib/integrity/audit-anchor';
import { verifyChain } from '../lib/integrity/audit-chain';

const events = await listAllAuditEvents();
await getDb().$disconnect();
const chain = verifyChain(events);
if (!chain.ok) {
  console.log(JSON.stringify({ ok: false, events: chain.events, kind: 'broken-chain', firstBrokenEvent: chain.brokenAt, problem: chain.problem }));
  process.exit(1);
}
const files = anchorFiles();
const anchored = checkAgainstAnchors(events, readAnchorLog(files), files.logFile);
if (!anchored.ok) {
  const { kind, problem, firstBrokenEvent } = anchored;
  console.log(JSON.stringify({ ok: false, events: chain.events, kind, ...(firstBrokenEvent !== undefined ? { firstBrokenEvent } : {}), problem }));
  process.exit(1);
}
console.log(JSON.stringify({ ok: true, events: chain.events, anchoredThrough: anchored.anchoredThrough, anchors: anchored.anchors }));
