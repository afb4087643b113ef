import 'server-only';
/**
 * Structured server logs (pino, JSON lines on stdout). Details of internal failures go here, never to
 * the browser. No patient names or free text: ids and error kinds only.
 */
import pino from 'pino';
import { env } from './env';

export const logger = pino({
  level: env.NODE_ENV === 'test' ? 'silent' : 'info',
  base: { app: 'rls-workup' },
  redact: { paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' },
});
