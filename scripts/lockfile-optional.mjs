#!/usr/bin/env node
/**
 * Keeps package-lock.json usable by `npm ci` here. The npm registry reachable from these machines has
 * no macOS/Windows builds of @next/swc, so `npm install` leaves them out of the lock file, and
 * `npm ci` then refuses the lock ("Missing: @next/swc-darwin-arm64 from lock file"). This adds them
 * back as optional, OS-restricted entries, which npm skips on Linux without fetching anything.
 * Run after every `npm install` that changes the lock file.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const next = pkgs['node_modules/next'];
let added = 0;
for (const [name, spec] of Object.entries(next.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (pkgs[key] || !name.startsWith('@next/swc-')) continue;
  const [, os, cpu] = /^@next\/swc-(darwin|win32|linux)-(arm64|x64)/.exec(name) ?? [];
  if (!os || !cpu) continue;
  pkgs[key] = { version: spec, cpu: [cpu], license: 'MIT', optional: true, os: [os], engines: { node: '>= 10' } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `package-lock.json: added ${added} optional @next/swc entries` : 'package-lock.json: nothing to add');
