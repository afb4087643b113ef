/**
 * npm run --silent audit:verify — walks the audit chain from the first event, then checks it against
 * the signed anchors of the anchor log (AUDIT_ANCHOR_LOG, signed with AUDIT_ANCHOR_KEY).
 * Exits 0 and prints {"ok":true,...} when intact; exits 1 naming what is wrong otherwise: the first
 * broken event, a missing tail, rewritten history, reused sequence numbers, or a missing or forged anchor
 * (scripts/audit-verify-report.ts).
 */
import { listAllAuditEvents } from '../lib/db/audit';
import { getDb } from '../lib/db/client';
import { anchorFiles } from '../lib/integrity/audit-anchor';
import { auditVerifyReport } from './audit-verify-report';

const events = await listAllAuditEvents();
await getDb().$disconnect();
const { status, json } = auditVerifyReport(events, anchorFiles());
console.log(JSON.stringify(json));
if (status !== 0) process.exit(status);
