/**
 * Is this Better Auth's APIError (a refused password or code), as opposed to a failure of ours?
 * `instanceof` alone is not enough: the production build holds a copy of Better Auth per server layer
 * (route handlers, server actions), while getAuth() is one instance per process, made by whichever
 * layer asked first. When a route handler (e.g. GET /api/session) made it, a wrong password in the
 * sign-in action threw the other copy's APIError: it was taken for an outage and not counted as a failure.
 */
import { APIError } from 'better-auth/api';

export function isAuthApiError(e: unknown): boolean {
  return e instanceof APIError || (e instanceof Error && e.name === 'APIError' && typeof (e as { statusCode?: unknown }).statusCode === 'number');
}
