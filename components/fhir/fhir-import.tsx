'use client';
/**
 * "Import FHIR data": the clinician picks a FHIR R4 Bundle or NDJSON export; the server maps it
 * (saving nothing) and the intake form opens pre-filled, each value with where it came from. The
 * clinician reviews, changes and saves as usual.
 */
import { useId, useState, type ChangeEvent } from 'react';
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
}

const USE_LABEL = { used: 'used', history: 'history', 'not-used': 'not used' } as const;

export function FhirImportPanel({ patientId, ...formProps }: FhirImportProps) {
  const inputId = useId();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string } | { kind: 'done'; data: ImportResponse; file: string }>({ kind: 'idle' });

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setState({ kind: 'busy' });
    try {
      const ndjson = /\.ndjson$/i.test(file.name);
      const res = await fetch(`/api/patients/${encodeURIComponent(patientId)}/fhir-import`, {
        method: 'POST', body: file, headers: { 'content-type': ndjson ? 'application/fhir+ndjson' : 'application/fhir+json' },
      });
      const body = (await res.json().catch(() => null)) as (ImportResponse & { message?: string }) | null;
      if (!res.ok || !body || !body.import) {
        setState({ kind: 'error', message: body?.message ?? `The import failed (${res.status})` });
        return;
      }
      setState({ kind: 'done', data: body, file: file.name });
    } catch {
      setState({ kind: 'error', message: 'The import failed: the server could not be reached' });
    }
  }

  return (
    <section className="fhir-import" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Import from a FHIR export</h2>
      <p className="meta">A FHIR R4 Bundle (collection, transaction, searchset) or an NDJSON export of this patient. Nothing is saved until you review the form and save it.</p>
      <label htmlFor={inputId}>Import FHIR data</label>{' '}
      <input id={inputId} type="file" accept=".json,.ndjson,application/json,application/fhir+json" onChange={onFile} disabled={state.kind === 'busy'} />
      <p role="status" className="meta">{state.kind === 'busy' ? 'Importing…' : state.kind === 'done' ? `Imported ${state.file}: ${state.data.import.labs.length} lab results, ${state.data.import.medications.active.length} active medications. Review and save below.` : ''}</p>
      {state.kind === 'error' ? <p role="alert" className="form-error">{state.message}</p> : null}
      {state.kind === 'done' ? <ImportReview data={state.data} /> : null}
      {state.kind === 'done' ? (
        <>
          <h2>New assessment from the import</h2>
          <IntakeForm key={state.file} {...formProps} initialValues={state.data.form} provenance={formProvenance(state.data.import)} />
        </>
      ) : null}
    </section>
  );
}

function ImportReview({ data }: { data: ImportResponse }) {
  const imp = data.import;
  const conditions = imp.conditions;
  return (
    <div className="import-review">
      {data.mismatches.length > 0 ? (
        <div role="alert" className="notices">
          <p><strong>Check that this export is this patient&apos;s:</strong></p>
          <ul>{data.mismatches.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
      {imp.warnings.length > 0 ? <ul className="notices">{imp.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      <p className="meta">
        Patient in the file: {imp.patient.provenance ? `${describeProvenance(imp.patient.provenance)}, born ${imp.patient.birthDate ?? 'not given'}, ${imp.patient.sex ?? 'sex not given'}` : 'no Patient resource'}.
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
