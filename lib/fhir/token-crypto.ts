/**
 * Encryption at rest of a FHIR server's bearer token: AES-256-GCM (node:crypto), a fresh 96-bit IV
 * per encryption, the clinic's id as additional authenticated data (a ciphertext copied to another
 * clinic's row does not decrypt), and a key id so that a changed key gives a clear error instead of
 * garbage. The key is FHIR_TOKEN_KEY (32 bytes, base64 or hex) when set, otherwise derived with
 * HKDF-SHA256 from the session secret (BETTER_AUTH_SECRET). Pure: the caller passes the key.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenKey {
  key: Buffer;
  /** First 8 hex digits of the key's SHA-256: names the key in the ciphertext, reveals nothing of it. */
  id: string;
}

function keyOf(key: Buffer): TokenKey {
  if (key.length !== 32) throw new Error('The FHIR token key must be 32 bytes');
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 8) };
}

/** FHIR_TOKEN_KEY as given: 32 bytes in base64/base64url (43–44 characters) or hex (64). Null when it is neither. */
export function parseTokenKey(text: string): TokenKey | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return keyOf(Buffer.from(t, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? keyOf(bytes) : null;
  }
  return null;
}

/** The key derived from a configured secret (the session secret), for deployments without FHIR_TOKEN_KEY. */
export function deriveTokenKey(secret: string): TokenKey {
  return keyOf(Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('rls-workup', 'utf8'), Buffer.from('fhir-server-token/v1', 'utf8'), 32)));
}

const aadOf = (organisationId: string) => Buffer.from(`fhir-server-token:${organisationId}`, 'utf8');

export function encryptToken(plain: string, organisationId: string, k: TokenKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(organisationId));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, k.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export type DecryptResult = { ok: true; token: string } | { ok: false; reason: 'malformed' | 'other-key' | 'tampered' };

export function decryptToken(stored: string, organisationId: string, k: TokenKey): DecryptResult {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, keyId, ivText, tagText, ctText] = parts as [string, string, string, string, string];
  if (keyId !== k.id) return { ok: false, reason: 'other-key' };
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: 'malformed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(organisationId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]);
    return { ok: true, token: plain.toString('utf8') };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
