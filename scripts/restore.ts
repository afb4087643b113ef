/**
 * npm run restore -- FILE [--force]: restores a backup made by `npm run backup` into the database
 * DATABASE_URL names, then checks it: every assessment against its digest, the audit chain link by
 * link, and the chain against the anchor log (scripts/restore-command.ts).
 */
import { restoreCommand } from './restore-command';

process.exit(await restoreCommand(process.argv.slice(2), process.env.DATABASE_URL, console));
