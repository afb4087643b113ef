/**
 * Anchors of the audit chain outside the database. The chain (audit-chain.ts) shows an edited or
 * removed event in the middle, but not a cut-off tail or a tail rewritten with fresh hashes: whoever
 * can write the database can recompute them. So after every committed audit write the app signs the
 * chain head (sequence, hash, time) with an Ed25519 key kept in a file outside the database, and
 * appends it to an append-only anchor log. `npm run audit:verify` checks the chain against the log.
 * Not `server-only`: the verify and anchor scripts run under tsx.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { canonicalJson } from './hash';

export interface AnchorFiles {
  /** Ed25519 private key, PKCS#8 PEM. */
  keyFile: string;
  /** One signed anchor per line (JSON). */
  logFile: string;
}

export interface Anchor {
  seq: number;
  hash: string;
  /** When the head was signed (ISO 8601, UTC). */
  at: string;
}

interface AnchorLine extends Anchor {
  v: 1;
  sig: string;
}

const OVERRIDE = Symbol.for('rls-workup.audit-anchor-files');

/** The files in use: from AUDIT_ANCHOR_KEY / AUDIT_ANCHOR_LOG, or as set by `useAnchorFiles` (tests). */
export function anchorFiles(): AnchorFiles {
  const override = (globalThis as { [OVERRIDE]?: AnchorFiles })[OVERRIDE];
  if (override) return override;
  return { keyFile: path.resolve(env.AUDIT_ANCHOR_KEY), logFile: path.resolve(env.AUDIT_ANCHOR_LOG) };
}

export function useAnchorFiles(files: AnchorFiles): void {
  (globalThis as { [OVERRIDE]?: AnchorFiles })[OVERRIDE] = files;
}

/** Creates the signing key if it does not exist (readable by its owner only); true when created. */
export function ensureAnchorKey(keyFile: string): boolean {
  if (existsSync(keyFile)) return false;
  mkdirSync(path.dirname(keyFile), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return true;
}

const keys = new Map<string, KeyObject | null>();

function signingKey(keyFile: string): KeyObject | null {
  if (!keys.has(keyFile)) keys.set(keyFile, existsSync(keyFile) ? createPrivateKey(readFileSync(keyFile)) : null);
  return keys.get(keyFile)!;
}

const payload = (a: Anchor) => Buffer.from(canonicalJson({ v: 1, seq: a.seq, hash: a.hash, at: a.at }));

let warnedNoKey = false;

/**
 * Appends a signed anchor of the chain head. Without a key file nothing is anchored (warned once).
 * Called after the transaction committed: a failure here is reported, never undoes the change.
 */
export function writeAnchor(head: { seq: number; hash: string }, at: Date = new Date(), files: AnchorFiles = anchorFiles()): boolean {
  try {
    const key = signingKey(files.keyFile);
    if (!key) {
      if (!warnedNoKey) process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'audit anchoring is off: no signing key', keyFile: files.keyFile })}\n`);
      warnedNoKey = true;
      return false;
    }
    const anchor: Anchor = { seq: head.seq, hash: head.hash, at: at.toISOString() };
    const line: AnchorLine = { v: 1, ...anchor, sig: sign(null, payload(anchor), key).toString('base64') };
    mkdirSync(path.dirname(files.logFile), { recursive: true });
    // One write of one short line with O_APPEND: lines from several processes never interleave.
    appendFileSync(files.logFile, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    return true;
  } catch (e) {
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'audit anchor not written', error: (e as Error).message })}\n`);
    return false;
  }
}

export interface AnchorLog {
  anchors: Anchor[];
  /** Lines that are not a well-formed anchor with a valid signature. */
  badLines: number[];
}

/** Reads the log and checks every signature with the public half of the key; null when the log is absent. */
export function readAnchorLog(files: AnchorFiles = anchorFiles()): AnchorLog | null {
  if (!existsSync(files.logFile)) return null;
  const key = signingKey(files.keyFile);
  const publicKey = key ? createPublicKey(key) : null;
  const anchors: Anchor[] = [];
  const badLines: number[] = [];
  readFileSync(files.logFile, 'utf8').split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      const l = JSON.parse(text) as AnchorLine;
      const anchor: Anchor = { seq: l.seq, hash: l.hash, at: l.at };
      const wellFormed = l.v === 1 && Number.isInteger(l.seq) && l.seq > 0 && /^[0-9a-f]{64}$/.test(l.hash) && !Number.isNaN(Date.parse(l.at)) && typeof l.sig === 'string';
      if (wellFormed && publicKey && verify(null, payload(anchor), publicKey, Buffer.from(l.sig, 'base64'))) anchors.push(anchor);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { anchors, badLines };
}

export type AnchorProblemKind = 'no-anchor' | 'bad-anchor' | 'missing-tail' | 'rewritten-history' | 'reused-sequence';

export type AnchorCheck =
  | { ok: true; anchoredThrough: number; anchors: number }
  | { ok: false; kind: AnchorProblemKind; firstBrokenEvent?: number; problem: string };

interface StoredEvent {
  seq: number;
  hash: string;
  at: Date;
}

/**
 * The chain (already verified link by link) against the anchor log: every anchored event must still
 * be there with the anchored hash, and nothing anchored may have disappeared from the end.
 */
export function checkAgainstAnchors(events: readonly StoredEvent[], log: AnchorLog | null, logFile: string): AnchorCheck {
  if (log === null || (log.anchors.length === 0 && log.badLines.length === 0)) {
    if (events.length === 0) return { ok: true, anchoredThrough: 0, anchors: 0 };
    return { ok: false, kind: 'no-anchor', problem: `no anchor in ${logFile}: a cut-off or rewritten tail cannot be ruled out (restore the anchor log, or check AUDIT_ANCHOR_LOG)` };
  }
  if (log.badLines.length > 0) {
    return { ok: false, kind: 'bad-anchor', problem: `anchor log line ${log.badLines[0]} is not a validly signed anchor (${log.badLines.length} such line${log.badLines.length === 1 ? '' : 's'}): the log was edited, or AUDIT_ANCHOR_KEY is not the key that signed it` };
  }
  // Two anchors of one sequence number with different hashes: the chain was cut back and numbers handed out again.
  const bySeq = new Map<number, Anchor>();
  for (const a of log.anchors) {
    const earlier = bySeq.get(a.seq);
    if (earlier && earlier.hash !== a.hash) {
      return { ok: false, kind: 'reused-sequence', firstBrokenEvent: a.seq, problem: `sequence number ${a.seq} was reused: anchored at ${earlier.at} and again at ${a.at} with a different hash (events were removed and new ones took their numbers)` };
    }
    if (!earlier) bySeq.set(a.seq, a);
  }
  const newest = log.anchors.reduce((m, a) => (a.seq > m.seq ? a : m));
  const last = events.at(-1);
  if (!last || last.seq < newest.seq) {
    const from = (last?.seq ?? 0) + 1;
    return { ok: false, kind: 'missing-tail', firstBrokenEvent: from, problem: `missing tail: events ${from} to ${newest.seq} are gone (the anchor of ${newest.at} covers event ${newest.seq}; the database ends at ${last?.seq ?? 'no event'})` };
  }
  const stored = new Map(events.map((e) => [e.seq, e]));
  for (const a of [...bySeq.values()].sort((x, y) => x.seq - y.seq)) {
    const e = stored.get(a.seq);
    if (!e) return { ok: false, kind: 'rewritten-history', firstBrokenEvent: a.seq, problem: `event ${a.seq}, anchored at ${a.at}, is missing` };
    if (e.hash === a.hash) continue;
    // Recorded after the anchor that already covered its number: a newer event under an old number.
    if (e.at.getTime() > Date.parse(a.at)) {
      return { ok: false, kind: 'reused-sequence', firstBrokenEvent: a.seq, problem: `sequence number ${a.seq} was reused: the event stored under it was recorded at ${e.at.toISOString()}, after the anchor of ${a.at} that covers a different event ${a.seq} (events were removed and new ones took their numbers)` };
    }
    return { ok: false, kind: 'rewritten-history', firstBrokenEvent: a.seq, problem: `rewritten history: event ${a.seq} does not match its anchor of ${a.at} (it and the events after it were replaced and their hashes recomputed)` };
  }
  return { ok: true, anchoredThrough: newest.seq, anchors: log.anchors.length };
}
