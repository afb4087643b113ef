/**
 * Reads what an EHR exports — a FHIR R4 Bundle (collection, transaction, searchset, batch, document),
 * an NDJSON bulk export, or a single resource — into a flat list of resources. Pure; bad input gives
 * one specific message and nothing else.
 */

export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface ParsedResources {
  resources: FhirResource[];
  /** Bundle entry fullUrl → resource (urn:uuid: references inside a transaction). */
  byFullUrl: Map<string, FhirResource>;
}

export type ParseResult = { ok: true; data: ParsedResources } | { ok: false; message: string };

/** Limits so that a hostile file costs bounded work: a Synthea lifetime is under 1 MB and 2,000 resources. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_RESOURCES = 50_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function collect(doc: unknown, into: ParsedResources, where: string): string | null {
  if (!isObject(doc) || typeof doc.resourceType !== 'string') return `${where} is not a FHIR resource (no resourceType)`;
  if (doc.resourceType !== 'Bundle') {
    into.resources.push(doc as FhirResource);
    return null;
  }
  const entries = doc.entry;
  if (entries === undefined) return null;
  if (!Array.isArray(entries)) return `${where}: Bundle.entry is not a list`;
  for (let i = 0; i < entries.length; i++) {
    const e: unknown = entries[i];
    if (!isObject(e)) return `${where}: Bundle.entry[${i}] is not an object`;
    if (e.resource === undefined) continue; // a transaction-response or delete entry
    const before = into.resources.length;
    const err = collect(e.resource, into, `${where} entry ${i + 1}`);
    if (err) return err;
    if (typeof e.fullUrl === 'string' && into.resources.length > before) into.byFullUrl.set(e.fullUrl, into.resources[before]!);
    if (into.resources.length > MAX_RESOURCES) return `The file holds more than ${MAX_RESOURCES.toLocaleString('en')} resources; export one patient`;
  }
  return null;
}

/** Parses a Bundle / resource (JSON) or an NDJSON export. */
export function parseFhirText(text: string): ParseResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; export one patient` };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'The file is empty' };
  const into: ParsedResources = { resources: [], byFullUrl: new Map() };
  let whole: unknown;
  let isJson = true;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  if (isJson) {
    const err = collect(whole, into, 'The file');
    return err ? { ok: false, message: err } : { ok: true, data: into };
  }
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return { ok: false, message: i === 0 ? 'The file is neither FHIR JSON nor NDJSON (one resource per line)' : `Line ${i + 1} of the NDJSON file is not valid JSON` };
    }
    const err = collect(doc, into, `Line ${i + 1}`);
    if (err) return { ok: false, message: err };
  }
  return { ok: true, data: into };
}

/** Resources from already-parsed documents (CDS Hooks prefetch values: resources and searchset Bundles). */
export function parseFhirDocuments(docs: readonly unknown[]): ParseResult {
  const into: ParsedResources = { resources: [], byFullUrl: new Map() };
  for (let i = 0; i < docs.length; i++) {
    const err = collect(docs[i], into, `Document ${i + 1}`);
    if (err) return { ok: false, message: err };
  }
  return { ok: true, data: into };
}
