'use client';
/**
 * "Import FHIR data": the clinician picks a FHIR R4 Bundle or NDJSON export; the server maps it
 * (saving nothing) and the intake form opens pre-filled, each value with where it came from. The
 * clinician reviews, changes and saves as usual. "Import from EHR" (when the clinic has a FHIR
 * server) does the same from that server, by the EHR's patient id: the same review, the same form.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { IntakeForm, type IntakeFormProps } from '@/components/intake/intake-form';
import type { FhirImport } from '@/lib/fhir/map';
import { CONDITION_GROUP_LABEL } from '@/lib/fhir/map';
import { describeProvenance, formProvenance } from '@/lib/fhir/provenance';
import { ANALYTES } from '@/lib/rules';
import type { TAssessmentForm } from '@/lib/schemas/assessment';

interface ImportResponse {
  import: FhirImport;
  form: TAssessmentForm;
  mismatches: string[];
}

export interface FhirImportProps extends Omit<IntakeFormProps, 'initialValues' | 'provenance'> {
  patientId: string;
  /** The clinic's FHIR server (its address, for the clinician to see), when one is configured. */
  ehrServer?: string | null;
}

const USE_LABEL = { used: 'used', history: 'history', 'not-used': 'not used' } as const;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

type Source = 'file' | 'ehr';
type Busy = { source: Source } | null;
type Done = { data: ImportResponse; source: Source; label: string; n: number };

async function answerOf(res: Response): Promise<{ ok: true; data: ImportResponse } | { ok: false; message: string }> {
  const body = (await res.json().catch(() => null)) as (ImportResponse & { message?: string; issues?: { message: string }[] }) | null;
  if (!res.ok || !body || !body.import) return { ok: false, message: body?.issues?.[0]?.message ?? body?.message ?? `The import failed (${res.status})` };
  return { ok: true, data: body };
}

export function FhirImportPanel({ patientId, ehrServer, ...formProps }: FhirImportProps) {
  const inputId = useId();
  const ehrId = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ source: Source; message: string } | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  async function run(source: Source, label: string, request: () => Promise<Response>, unreachable: string) {
    setBusy({ source });
    setError(null);
    try {
      const answer = await answerOf(await request());
      if (answer.ok) setDone((prev) => ({ data: answer.data, source, label, n: (prev?.n ?? 0) + 1 }));
      else setError({ source, message: answer.message });
    } catch {
      setError({ source, message: unreachable });
    } finally {
      setBusy(null);
    }
  }

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const ndjson = /\.ndjson$/i.test(file.name);
    void run('file', file.name, () => fetch(`/api/patients/${encodeURIComponent(patientId)}/fhir-import`, {
      method: 'POST', body: file, headers: { 'content-type': ndjson ? 'application/fhir+ndjson' : 'application/fhir+json' },
    }), 'The import failed: the server could not be reached');
  }

  function onEhr(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const id = String(new FormData(e.currentTarget).get('ehrPatientId') ?? '').trim();
    if (!FHIR_ID.test(id)) {
      setError({ source: 'ehr', message: 'An EHR patient id is 1 to 64 letters, digits, "-" or "." (FHIR id syntax)' });
      return;
    }
    void run('ehr', `EHR patient ${id}`, () => fetch(`/api/patients/${encodeURIComponent(patientId)}/ehr-import`, {
      method: 'POST', body: JSON.stringify({ ehrPatientId: id }), headers: { 'content-type': 'application/json' },
    }), 'The import failed: RLS Workup could not be reached');
  }

  const status = (source: Source) => (busy?.source === source ? 'Importing…' : done?.source === source ? `Imported ${done.label}: ${done.data.import.labs.length} lab results, ${done.data.import.medications.active.length} active medications. Review and save below.` : '');

  return (
    <section className="fhir-import" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Import from a FHIR export</h2>
      <p className="meta">A FHIR R4 Bundle (collection, transaction, searchset) or an NDJSON export of this patient. Nothing is saved until you review the form and save it.</p>
      <label htmlFor={inputId}>Import FHIR data</label>{' '}
      <input id={inputId} type="file" accept=".json,.ndjson,application/json,application/fhir+json" onChange={onFile} disabled={busy !== null} />
      <p role="status" className="meta" data-import-status="file">{status('file')}</p>
      {error?.source === 'file' ? <p role="alert" className="form-error">{error.message}</p> : null}
      {ehrServer ? (
        <form className="ehr-import" onSubmit={onEhr} aria-label="Import from EHR">
          <p className="meta">Or read this patient&apos;s results, medications and conditions from the clinic&apos;s FHIR server ({ehrServer}).</p>
          <label htmlFor={ehrId}>EHR patient id</label>{' '}
          <input id={ehrId} name="ehrPatientId" maxLength={64} autoComplete="off" spellCheck={false} aria-describedby={`${ehrId}-hint`} />{' '}
          <button type="submit" disabled={busy !== null}>Import from EHR</button>
          <span id={`${ehrId}-hint`} className="meta"> The patient&apos;s FHIR id in the EHR (letters, digits, - and .).</span>
          <p role="status" className="meta" data-import-status="ehr">{status('ehr')}</p>
          {error?.source === 'ehr' ? <p role="alert" className="form-error">{error.message}</p> : null}
        </form>
      ) : null}
      {done ? (
        <>
          <ImportReview data={done.data} source={done.source} />
          <h2>New assessment from the import</h2>
          <IntakeForm key={`${done.source}-${done.n}`} {...formProps} initialValues={done.data.form} provenance={formProvenance(done.data.import)} />
        </>
      ) : null}
    </section>
  );
}

function ImportReview({ data, source }: { data: ImportResponse; source: Source }) {
  const imp = data.import;
  const conditions = imp.conditions;
  return (
    <div className="import-review">
      {data.mismatches.length > 0 ? (
        <div role="alert" className="notices">
          <p><strong>{source === 'file' ? "Check that this export is this patient's:" : "Check that this EHR record is this patient's:"}</strong></p>
          <ul>{data.mismatches.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
      {imp.warnings.length > 0 ? <ul className="notices">{imp.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      <p className="meta">
        Patient {source === 'file' ? 'in the file' : 'in the EHR'}: {imp.patient.provenance ? `${describeProvenance(imp.patient.provenance)}, born ${imp.patient.birthDate ?? 'not given'}, ${imp.patient.sex ?? 'sex not given'}` : 'no Patient resource'}.
        {' '}Missing (left blank, unknown): {imp.missing.map((a) => ANALYTES[a].label).join(', ') || 'none'}.
      </p>
      <details>
        <summary>Every imported result ({imp.results.length}), condition ({conditions.length}) and stopped medication ({imp.medications.stopped.length})</summary>
        <table>
          <caption>Lab results</caption>
          <thead><tr><th scope="col">Analyte</th><th scope="col">Use</th><th scope="col">Source</th><th scope="col">Note</th></tr></thead>
          <tbody>
            {imp.results.map((r) => (
              <tr key={`${r.provenance.resourceType}/${r.provenance.id}/${r.analyte}`} data-use={r.use}>
                <td>{ANALYTES[r.analyte].label}</td><td>{USE_LABEL[r.use]}</td><td>{describeProvenance(r.provenance)}</td><td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Conditions in the value sets</caption>
          <thead><tr><th scope="col">Context</th><th scope="col">Use</th><th scope="col">Source</th><th scope="col">Note</th></tr></thead>
          <tbody>
            {conditions.map((c) => (
              <tr key={c.provenance.id}>
                <td>{c.groups.map((g) => CONDITION_GROUP_LABEL[g]).join(', ')}</td><td>{c.use === 'used' ? 'used' : 'not used'}</td><td>{describeProvenance(c.provenance)}</td><td>{c.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Stopped medications (not on the list)</h3>
        {imp.medications.stopped.length === 0 ? <p>None.</p> : (
          <ul>{imp.medications.stopped.map((m) => <li key={m.provenance.id}>{m.text} ({m.status}; {describeProvenance(m.provenance)})</li>)}</ul>
        )}
      </details>
    </div>
  );
}
