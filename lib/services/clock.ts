import 'server-only';
/** The only place the server reads the date for an assessment (the engine never does). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
