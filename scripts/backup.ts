/**
 * npm run backup [-- --out FILE]: a consistent copy of the database DATABASE_URL names, taken while
 * the app may keep running (scripts/backup-command.ts).
 */
import { backupCommand } from './backup-command';

process.exitCode = await backupCommand(process.argv.slice(2), process.env.DATABASE_URL, console);
