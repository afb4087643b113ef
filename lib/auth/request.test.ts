import { describe, expect, it } from 'vitest';
import { checkSameOrigin, clientAddressOf, safeLocalPath } from './request';

const h = (o: Record<string, string>) => new Headers(o);

describe('checkSameOrigin', () => {
  it.each([
    [{ host: 'app.test', origin: 'https://app.test' }, true],
    [{ host: 'app.test', origin: 'https://app.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'app.test', origin: 'https://evil.test' }, false],
    [{ host: 'app.test', origin: 'null' }, false],
    [{ host: 'app.test', origin: 'https://app.test', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'app.test', 'sec-fetch-site': 'same-site' }, false],
    [{ host: 'app.test' }, false],
    [{ host: 'app.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'app.test', origin: 'not a url' }, false],
  ])('%o → %s', (headers, ok) => expect(checkSameOrigin(h(headers)).ok).toBe(ok));
});

describe('clientAddressOf', () => {
  it('takes the first forwarded hop, else X-Real-IP, else null', () => {
    expect(clientAddressOf(h({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientAddressOf(h({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddressOf(h({}))).toBeNull();
  });
});

describe('safeLocalPath', () => {
  it.each(['/patients', '/assessments/c123?tab=notes', '/patients/%5Cx', '/'])('keeps the local path %s', (p) => expect(safeLocalPath(p)).toBe(p));
  it.each([
    '//evil.example', '/\\evil.example', '/\\/evil.example', '\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r//evil.example',
    'https://evil.example', 'javascript:alert(1)', 'patients', '', `/${'a'.repeat(3000)}`,
  ])('refuses %j', (p) => expect(safeLocalPath(p)).toBeNull());
  it.each([null, undefined, 42, ['/patients'], { toString: () => '/patients' }])('refuses a non-string %j', (p) => expect(safeLocalPath(p)).toBeNull());
});
