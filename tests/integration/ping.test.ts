// @vitest-environment node
// The load test's floors: GET /api/ping answers "ok", or a JSON string of the asked size (an answer as
// large as an evaluation's) — never more than 64 KB, never anything else.
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/ping/route';

const ping = (query = '') => GET(new Request(`http://127.0.0.1/api/ping${query}`));

describe('GET /api/ping', () => {
  it('answers ok, uncached', async () => {
    const res = ping();
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a JSON string of exactly the asked size, up to 64 KB', async () => {
    for (const bytes of [3, 44_000, 65_536]) {
      const res = ping(`?bytes=${bytes}`);
      const body = await res.text();
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(typeof JSON.parse(body)).toBe('string');
      expect(res.headers.get('content-type')).toBe('application/json');
    }
  });

  it('answers ok to a size it does not serve', async () => {
    for (const q of ['?bytes=2', '?bytes=65537', '?bytes=-1', '?bytes=1.5', '?bytes=lots', '?bytes=']) expect(await ping(q).text()).toBe('ok');
  });
});
