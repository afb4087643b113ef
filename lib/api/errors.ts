/**
 * API errors as a closed union of codes, mapped to status and message in one place. Bodies never
 * carry a stack trace; field-level issues point at the failing field.
 */
import { NextResponse } from 'next/server';
import { readBodyUpTo } from './action-guard';

export type ApiErrorCode = 'invalid-json' | 'invalid-input' | 'payload-too-large' | 'unsupported-media-type' | 'unauthenticated' | 'forbidden-origin' | 'internal-error';

const STATUS: Record<ApiErrorCode, number> = {
  'invalid-json': 400,
  'invalid-input': 400,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unauthenticated: 401,
  'forbidden-origin': 403,
  'internal-error': 500,
};

const MESSAGE: Record<ApiErrorCode, string> = {
  'invalid-json': 'The body is not valid JSON',
  'invalid-input': 'The input does not match the evaluation contract',
  'payload-too-large': 'The body is too large',
  'unsupported-media-type': 'Send the body as application/json',
  unauthenticated: 'Sign in, or send an API token as "Authorization: Bearer <token>"',
  'forbidden-origin': 'Refused: a state-changing request from another site',
  'internal-error': 'Assessment incomplete: the evaluation could not be completed. Nothing was saved.',
};

export interface ApiIssue {
  path: string;
  message: string;
}

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function apiError(code: ApiErrorCode, issues: ApiIssue[] = []): NextResponse {
  return NextResponse.json({ error: code, message: MESSAGE[code], issues }, { status: STATUS[code], headers: NO_STORE });
}

/** Reads a JSON body with a size limit; returns the value or an error response. */
export async function readJson(request: Request, maxBytes: number): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  // The media type exactly (parameters such as charset aside): not application/jsonp, application/json-patch+json…
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, response: apiError('unsupported-media-type') };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, response: apiError('payload-too-large', [{ path: '', message: `At most ${maxBytes} bytes` }]) };
  // Read with a running count: a body sent without (or with a false) Content-Length is refused as soon
  // as it passes the limit, never buffered whole.
  const text = await readTextUpTo(request, maxBytes);
  if (text === null) return { ok: false, response: apiError('payload-too-large', [{ path: '', message: `At most ${maxBytes} bytes` }]) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, response: apiError('invalid-json', [{ path: '', message: (e as Error).message }]) };
  }
}

/** The body as UTF-8 text, or null (and the stream cancelled) once it exceeds `maxBytes`. */
export function readTextUpTo(request: Request, maxBytes: number): Promise<string | null> {
  return readBodyUpTo(request.body, maxBytes);
}
