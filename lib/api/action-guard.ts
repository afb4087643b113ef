/**
 * Server-action requests (POST with a `Next-Action` header) are checked in the proxy before Next.js
 * decodes them: a refusal is a 4xx with a reason, never the 500 that a failed decode would give.
 * Our actions take plain values, which the React client sends as one JSON array in a text/plain body.
 */
import { checkSameOrigin, type HeaderReader } from '@/lib/auth/request';

/** Next.js's own limit for action bodies (serverActions.bodySizeLimit, default 1 MB). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
/** Deeper than any form of the app. */
export const MAX_ACTION_DEPTH = 32;

export interface ActionRefusal {
  status: 400 | 403 | 413 | 415;
  error: 'forbidden-origin' | 'payload-too-large' | 'unsupported-media-type' | 'invalid-body';
  message: string;
}

const refuse = (status: ActionRefusal['status'], error: ActionRefusal['error'], message: string): ActionRefusal => ({ status, error, message });

/** Checks made on the headers alone. */
export function checkActionHeaders(h: HeaderReader): ActionRefusal | null {
  const origin = checkSameOrigin(h);
  if (!origin.ok) return refuse(403, 'forbidden-origin', `Refused: a state-changing request from another site (${origin.reason})`);
  const type = (h.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/plain') return refuse(415, 'unsupported-media-type', 'Server actions take a text/plain body');
  const declared = h.get('content-length');
  if (declared !== null && !(Number(declared) <= MAX_ACTION_BODY_BYTES)) return refuse(413, 'payload-too-large', `At most ${MAX_ACTION_BODY_BYTES} bytes`);
  return null;
}

/**
 * React escapes a string that starts with "$" as "$$…"; any other "$…" string is a reference into
 * the flight protocol (promises, FormData parts, server references, Maps…), which our actions never
 * take. `$undefined` is how an undefined value is sent.
 */
const PLAIN_MARKERS = new Set(['$undefined']);

/** Checks the decoded body: a JSON array of plain values, not too deep, without flight references. */
export function checkActionBody(text: string): ActionRefusal | null {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return refuse(400, 'invalid-body', 'The body is not valid JSON');
  }
  if (!Array.isArray(value)) return refuse(400, 'invalid-body', 'The body must be a JSON array of arguments');
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > MAX_ACTION_DEPTH) return refuse(400, 'invalid-body', `Nested deeper than ${MAX_ACTION_DEPTH} levels`);
    if (typeof v === 'string') {
      if (v.startsWith('$') && !v.startsWith('$$') && !PLAIN_MARKERS.has(v)) return refuse(400, 'invalid-body', 'References are not accepted in arguments');
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (key === '__proto__') return refuse(400, 'invalid-body', 'Prototype keys are not accepted');
        stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}

/** The body as UTF-8 text, or null once it exceeds `maxBytes` (the rest is never read). */
export async function readBodyUpTo(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
