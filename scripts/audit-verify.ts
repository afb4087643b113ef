/**
 * npm run --silent audit:verify — walks the audit chain from the first event.
 * Exits 0 and prints {"ok":true,...} when intact; exits 1 naming the first broken event otherwise.
 */
import { listAllAuditEvents } from '../lib/db/audit';
import { getDb } from '../lib/db/client';
import { verifyChain } from '../lib/integrity/audit-chain';

const result = verifyChain(await listAllAuditEvents());
await getDb().$disconnect();
if (result.ok) {
  console.log(JSON.stringify({ ok: true, events: result.events }));
} else {
  console.log(JSON.stringify({ ok: false, events: result.events, firstBrokenEvent: result.brokenAt, problem: result.problem }));
  process.exit(1);
}
