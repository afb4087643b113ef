/**
 * A small, real FHIR R4 read/search server over the Synthea Bundles in tests/fixtures/fhir, on a free
 * loopback port, for the tests of "Import from EHR" (unit, integration and browser). Like the
 * sandbox's server: GET /metadata, GET /{type}/{id}, GET /{type}?patient=…&code=…; with `token` it
 * answers 401 to a request without that bearer token. Every request is recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FHIR_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/fhir');

interface Resource {
  resourceType: string;
  id: string;
  subject?: { reference?: string };
  patient?: { reference?: string };
  code?: { coding?: { code?: string }[] };
}

export interface TestFhirServer {
  /** Base URL, e.g. http://127.0.0.1:41234/fhir */
  base: string;
  requests: { method: string; url: string; authorization: string | null }[];
  close(): Promise<void>;
}

function loadResources(dir: string): Resource[] {
  const out: Resource[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { entry?: { resource?: Resource }[] };
    for (const e of doc.entry ?? []) if (e.resource) out.push(e.resource);
  }
  return out;
}

export async function startFhirServer({ token, dir = FHIR_FIXTURES }: { token?: string; dir?: string } = {}): Promise<TestFhirServer> {
  const resources = loadResources(dir);
  const requests: TestFhirServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
    };
    if (token && authorization !== `Bearer ${token}`) return send(401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    const u = new URL(req.url ?? '/', 'http://x');
    const parts = u.pathname.replace(/^\/fhir/, '').split('/').filter(Boolean);
    if (parts[0] === 'metadata') return send(200, { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] });
    if (parts.length === 2) {
      const r = resources.find((x) => x.resourceType === parts[0] && x.id === parts[1]);
      return r ? send(200, r) : send(404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    }
    if (parts.length === 1) {
      const pid = (u.searchParams.get('patient') ?? '').replace(/^Patient\//, '');
      const codes = u.searchParams.get('code')?.split(',').map((c) => c.split('|').pop());
      const subject = (r: Resource) => (r.subject?.reference ?? r.patient?.reference ?? '').replace(/^urn:uuid:|^Patient\//, '');
      const match = resources.filter((r) => r.resourceType === parts[0] && (!pid || subject(r) === pid) && (!codes || (r.code?.coding ?? []).some((c) => codes.includes(c.code))));
      return send(200, { resourceType: 'Bundle', type: 'searchset', total: match.length, entry: match.map((resource) => ({ fullUrl: `${parts[0]}/${resource.id}`, resource, search: { mode: 'match' } })) });
    }
    send(400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/fhir`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A loopback server answering every request with `handler` (non-FHIR answers, hangs, redirects). */
export async function startRawServer(handler: http.RequestListener): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/fhir`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
