/**
 * What the security browser tests enumerate: every page and route handler (from the file system under
 * app/) and every server action (from the build's server-reference manifest), and how to call an
 * action the way the React client does (POST with a `Next-Action` header).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';

const ROOT = process.cwd();
const APP = path.join(ROOT, 'app');

/** A stack-trace line: "at fn (/path/file.ts:12:5)" or "at /path/file.js:1:2". */
export const STACK_TRACE = /\bat\s+(?:\S+\s+\()?(?:file:\/\/)?\/?[\w./@()[\]-]+\.(?:ts|tsx|js|mjs|cjs):\d+/;

export const DUMMY_ID = 'inventory-dummy-id';

export interface AppRoute {
  /** The file, relative to the project root ("app/(clinic)/patients/[patientId]/page.tsx"). */
  file: string;
  kind: 'page' | 'route';
  /** The route pattern without groups ("/patients/[patientId]"). */
  pattern: string;
  /** A concrete URL for it: groups dropped, [param] → a dummy id, [...all] → a path. */
  url: string;
  /** Methods a route handler exports. */
  methods: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Turns app/ directory segments into a URL pattern and a concrete URL. */
export function urlOf(segments: string[]): { pattern: string; url: string } {
  const pattern: string[] = [];
  const url: string[] = [];
  for (const s of segments) {
    if (/^\(.*\)$/.test(s) || s.startsWith('@')) continue; // route group, parallel slot
    pattern.push(s);
    if (/^\[\[\.\.\..+\]\]$/.test(s)) continue; // optional catch-all: its shortest form
    if (/^\[\.\.\..+\]$/.test(s)) url.push('inventory', 'dummy', 'path');
    else if (/^\[.+\]$/.test(s)) url.push(DUMMY_ID);
    else url.push(s);
  }
  return { pattern: `/${pattern.join('/')}`, url: `/${url.join('/')}` };
}

/** Every page.tsx and route.ts under app/. */
export function appRoutes(): AppRoute[] {
  return walk(APP)
    .filter((f) => /[/\\](page\.(tsx|ts|jsx|js)|route\.(ts|js))$/.test(f))
    .map((full) => {
      const rel = path.relative(APP, full).split(path.sep);
      const fileName = rel.pop()!;
      const kind = fileName.startsWith('page.') ? 'page' : 'route';
      const source = readFileSync(full, 'utf8');
      const methods = kind === 'route'
        ? [...source.matchAll(/export\s+(?:async\s+)?(?:function\s+|const\s+)(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((m) => m[1]!)
        : [];
      return { file: path.relative(ROOT, full), kind, ...urlOf(rel), methods } as AppRoute;
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export interface ServerAction {
  id: string;
  /** "app/(clinic)/patients/actions.ts" */
  filename: string;
  exportedName: string;
  /** Pages whose client code can call it, as URLs to POST to. */
  pages: string[];
}

/** The build's server actions: `.next-test/server/server-reference-manifest.json`. */
export function serverActions(distDir = process.env.NEXT_DIST_DIR || '.next-test'): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id, filename: entry.filename, exportedName: entry.exportedName,
    pages: Object.keys(entry.workers)
      .filter((w) => w.startsWith('app/') && w.endsWith('/page'))
      .map((w) => urlOf(w.split('/').slice(1, -1)).url),
  }));
}

/** The exported functions of every 'use server' module under app/ (what the manifest must list). */
export function serverActionExports(): { filename: string; exportedName: string }[] {
  return walk(APP)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .flatMap((full) => {
      const source = readFileSync(full, 'utf8');
      if (!/^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(source)) return [];
      return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => ({ filename: path.relative(ROOT, full).split(path.sep).join('/'), exportedName: m[1]! }));
    });
}

/** Calls a server action as the React client does. */
export function callAction(request: APIRequestContext, page: string, id: string, args: unknown[], headers: Record<string, string> = {}): Promise<APIResponse> {
  return request.post(page, {
    headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/** The action's return value from an RSC answer ("0:{…"a":"$@1"…}\n1:<value>"), or undefined. */
export function actionResult(body: string): unknown {
  const line = body.split('\n').find((l) => l.startsWith('1:'));
  if (!line) return undefined;
  const raw = line.slice(2);
  if (raw.startsWith('E')) return { thrown: true };
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
