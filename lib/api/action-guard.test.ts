import { describe, expect, it } from 'vitest';
import { fromPeer } from '@/tests/peer';
import { MAX_ACTION_BODY_BYTES, checkActionBody, checkActionHeaders, readBodyUpTo } from './action-guard';

const h = (o: Record<string, string>) => new Headers({ host: 'app.test', ...fromPeer('203.0.113.5'), 'content-type': 'text/plain;charset=UTF-8', ...o });

describe('checkActionHeaders', () => {
  it('lets a same-site text/plain action request through', () => {
    expect(checkActionHeaders(h({ origin: 'https://app.test' }))).toBeNull();
    expect(checkActionHeaders(h({ 'sec-fetch-site': 'same-origin' }))).toBeNull();
  });
  it.each([
    [{ origin: 'https://evil.example' }, 403],
    [{ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }, 403],
    [{ origin: 'null' }, 403],
    [{}, 403],
    [{ origin: 'https://app.test', 'sec-fetch-site': 'cross-site' }, 403],
    [{ origin: 'https://app.test', 'content-type': 'multipart/form-data; boundary=x' }, 415],
    [{ origin: 'https://app.test', 'content-type': 'application/x-www-form-urlencoded' }, 415],
    [{ origin: 'https://app.test', 'content-type': 'application/json' }, 415],
    [{ origin: 'https://app.test', 'content-length': String(MAX_ACTION_BODY_BYTES + 1) }, 413],
    [{ origin: 'https://app.test', 'content-length': 'lots' }, 413],
  ])('%o → %i', (headers, status) => expect(checkActionHeaders(h(headers))?.status).toBe(status));
});

describe('checkActionBody', () => {
  it.each([
    '[]', '["c123",{"labs":{"ferritin":{"value":"40"}}}]', '["$$5 a month", "$undefined", null, 1.5, true]',
  ])('accepts plain argument lists: %s', (body) => expect(checkActionBody(body)).toBeNull());
  it.each([
    ['truncated', '[{"a":'], ['not JSON', 'a=1&b=2'], ['empty', ''], ['an object', '{"a":1}'], ['a string', '"x"'],
    ['deep', `${'['.repeat(40)}${']'.repeat(40)}`], ['very deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['a promise reference', '["$@1"]'], ['a FormData reference', '["$K1"]'], ['a server reference', '[{"x":"$h0"}]'],
    ['a Map', '["$Q2"]'], ['a prototype key', '[{"__proto__":{"admin":true}}]'],
  ])('refuses %s with 400', (_name, body) => expect(checkActionBody(body)).toMatchObject({ status: 400, error: 'invalid-body' }));
});

describe('readBodyUpTo', () => {
  it('stops reading once past the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) return controller.close();
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await readBodyUpTo(stream, MAX_ACTION_BODY_BYTES)).toBeNull();
    expect(pulled).toBeLessThan(40);
  });
});
