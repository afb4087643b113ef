/** What a service returns for user error: never thrown, always field-level. */
export type FieldErrors = Record<string, string[]>;

export type ServiceResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors };

export function invalid(message: string, fieldErrors: FieldErrors = {}): { ok: false; message: string; fieldErrors: FieldErrors } {
  return { ok: false, message, fieldErrors };
}

/** zod issues as { "labs.ferritin.value": ["…"] }, the paths the form uses. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
