import { APIError } from 'better-auth/api';
import { describe, expect, it } from 'vitest';
import { isAuthApiError } from './api-error';

describe('isAuthApiError', () => {
  it("recognises Better Auth's APIError, also another copy's (same name, an HTTP status code)", () => {
    expect(isAuthApiError(new APIError('UNAUTHORIZED', { message: 'Invalid email or password' }))).toBe(true);
    class OtherCopy extends Error {
      statusCode = 401;
      override name = 'APIError';
    }
    expect(isAuthApiError(new OtherCopy('Invalid email or password'))).toBe(true);
  });

  it('does not take other failures for a refusal', () => {
    expect(isAuthApiError(new Error('connection refused'))).toBe(false);
    const named = new Error('x');
    named.name = 'APIError';
    expect(isAuthApiError(named)).toBe(false);
    expect(isAuthApiError('APIError')).toBe(false);
    expect(isAuthApiError(null)).toBe(false);
  });
});
