/**
 * npm run --silent audit:anchor — signs the current head of the audit chain into the anchor log, e.g.
 * from cron, or once after the key was first made (npm start does that). The app anchors after every
 * audited write by itself; this covers a database whose events predate the key. Creates the key
 * (AUDIT_ANCHOR_KEY) when it does not exist yet.
 */
import { auditHead } from '../lib/db/audit';
import { getDb } from '../lib/db/client';
import { anchorFiles, ensureAnchorKey, writeAnchor } from '../lib/integrity/audit-anchor';

const files = anchorFiles();
const created = ensureAnchorKey(files.keyFile);
const head = await auditHead();
await getDb().$disconnect();
const written = head ? writeAnchor(head) : false;
console.log(JSON.stringify({ ok: head === null || written, keyCreated: created, anchored: head && written ? head.seq : null, log: files.logFile }));
if (head && !written) process.exit(1);
