'use client';
/**
 * The intake form: every analyte of the contract, grouped, each with a unit selector and a
 * collection date; patient context; the medication list as pasted lines. The engine runs in the
 * browser as values change (live feedback); on save the server validates and evaluates again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { unstable_rethrow } from 'next/navigation';
import { useDeferredValue, useMemo, useRef, useTransition } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { ANALYTES, ANALYTE_IDS, evaluateFindings, type AnalyteId, type AnalyteSpec } from '@/lib/rules';
import { ZAssessmentFormSchema, emptyAssessmentForm, toEvaluationInput, type PatientFacts, type TAssessmentForm } from '@/lib/schemas/assessment';
import type { FormProvenance } from '@/lib/fhir/provenance';
import { ContributorList } from '@/components/results/contributor-list';
import { useHydrated } from '@/components/ui/use-hydrated';

export type SubmitResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

const GROUPS: { id: AnalyteSpec['group']; title: string }[] = [
  { id: 'iron', title: 'Iron studies' },
  { id: 'blood-count', title: 'Blood count and inflammation' },
  { id: 'glucose', title: 'Glucose' },
  { id: 'kidney', title: 'Kidney' },
  { id: 'thyroid', title: 'Thyroid' },
  { id: 'vitamins', title: 'Vitamins' },
  { id: 'other', title: 'Other' },
];

const TRI = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

export interface IntakeFormProps {
  patient: PatientFacts & { name: string };
  /** The assessment date used for live feedback (the server uses its own on save). */
  asOf: string;
  /** `submissionKey` is the same on every retry of this form, so a save is never made twice. */
  onSubmit: (values: TAssessmentForm, submissionKey: string) => Promise<SubmitResult>;
  /** Prefilled values (a correction starts from the assessment it replaces). */
  initialValues?: TAssessmentForm;
  /** Where prefilled values came from (a FHIR import), shown under each field. */
  provenance?: FormProvenance;
}

function Provenance({ id, text }: { id: string; text: string | undefined }) {
  return text ? <p id={id} className="provenance">{text}</p> : null;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  // Always rendered, so screen readers announce a message when it appears.
  return (
    <span id={id} className="field-error" aria-live="polite">
      {message ?? ''}
    </span>
  );
}

/** 128 random bits (getRandomValues also works where randomUUID does not: plain http). */
function newSubmissionKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function IntakeForm({ patient, asOf, onSubmit, initialValues, provenance }: IntakeFormProps) {
  const form = useForm<TAssessmentForm>({ resolver: zodResolver(ZAssessmentFormSchema), defaultValues: initialValues ?? emptyAssessmentForm(), mode: 'onBlur' });
  const { register, handleSubmit, setError, formState } = form;
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const values = useWatch({ control: form.control }) as TAssessmentForm;
  const deferred = useDeferredValue(values);
  const live = useMemo(() => {
    try {
      return evaluateFindings(toEvaluationInput(deferred, patient, asOf), { asOf });
    } catch {
      return null; // never "no contributors found": the panel says the evaluation is incomplete
    }
  }, [deferred, patient, asOf]);

  // One idempotency key per form: a retry after a lost answer is recognised by the server.
  const submissionKey = useRef<string | null>(null);
  const submit = handleSubmit((data) =>
    new Promise<void>((resolve) => {
      startTransition(async () => {
        submissionKey.current ??= newSubmissionKey();
        let result: SubmitResult;
        try {
          result = await onSubmit(data, submissionKey.current);
        } catch (e) {
          unstable_rethrow(e); // the redirect to the saved assessment
          setError('root', { type: 'server', message: 'The save could not be confirmed (the connection was interrupted). Press "Save assessment" again: it will not be saved twice.' });
          resolve();
          return;
        }
        if (!result.ok) {
          for (const [path, messages] of Object.entries(result.fieldErrors)) {
            setError(path as FieldPath<TAssessmentForm>, { type: 'server', message: messages.join('; ') });
          }
          setError('root', { type: 'server', message: result.message });
        }
        resolve();
      });
    }),
  );

  const errors = formState.errors;
  const labError = (a: AnalyteId) => errors.labs?.[a];
  const isFemale = patient.sex === 'female';

  return (
    <div className="intake">
      <form onSubmit={submit} noValidate aria-describedby="form-error">
        <fieldset disabled={!hydrated || pending || formState.isSubmitting}>
          <legend className="visually-hidden">New assessment for {patient.name}</legend>
          <p id="form-error" role="alert" className="form-error">{errors.root?.message ?? ''}</p>
          <p className="meta">Type a result as shown on the report: 45, 4.5, &lt;5 or &gt;90. Units default to the conventional ones; choose SI where the report uses it.</p>
          <div className="panel-date">
            <label htmlFor="collectedOn">Labs collected on</label>
            <input id="collectedOn" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" aria-describedby="collectedOn-error" aria-invalid={errors.collectedOn ? true : undefined} {...register('collectedOn')} />
            <FieldError id="collectedOn-error" message={errors.collectedOn?.message} />
          </div>
          {GROUPS.map((g) => {
            const analytes = ANALYTE_IDS.filter((a) => ANALYTES[a].group === g.id);
            return (
              <fieldset key={g.id} className="lab-group">
                <legend>{g.title}</legend>
                {analytes.map((a) => {
                  const spec = ANALYTES[a];
                  const err = labError(a);
                  const valueErr = err?.value?.message;
                  const unitErr = err?.unit?.message;
                  const describedBy = `labs-${a}-error`;
                  return (
                    <div className="lab-row" key={a}>
                      <label htmlFor={`labs-${a}-value`}>{spec.label}</label>
                      <input
                        id={`labs-${a}-value`}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-invalid={valueErr || unitErr ? true : undefined}
                        aria-describedby={describedBy}
                        {...register(`labs.${a}.value`)}
                      />
                      <select aria-label={`${spec.label} unit`} aria-describedby={describedBy} {...register(`labs.${a}.unit`)}>
                        {spec.units.map((u) => (
                          <option key={u.unit} value={u.unit}>{u.unit}</option>
                        ))}
                      </select>
                      <input
                        type="text"
                        inputMode="numeric"
                        placeholder="YYYY-MM-DD"
                        aria-label={`${spec.label} collected on (if not the panel date)`}
                        aria-describedby={describedBy}
                        {...register(`labs.${a}.collectedOn`)}
                      />
                      <FieldError id={describedBy} message={valueErr ?? unitErr ?? err?.collectedOn?.message} />
                      <Provenance id={`labs-${a}-provenance`} text={provenance?.labs?.[a]} />
                    </div>
                  );
                })}
              </fieldset>
            );
          })}

          <fieldset className="context">
            <legend>Patient context</legend>
            <p className="meta">{patient.name}: {patient.ageYears} years, {patient.sex}</p>
            {isFemale ? (
              <>
                <label htmlFor="pregnant">Pregnant</label>
                <select id="pregnant" {...register('pregnant')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <Provenance id="pregnant-provenance" text={provenance?.context?.pregnant} />
                <label htmlFor="pregnancyWeeks">Weeks of pregnancy</label>
                <input id="pregnancyWeeks" inputMode="numeric" aria-describedby="pregnancyWeeks-error" aria-invalid={errors.pregnancyWeeks ? true : undefined} {...register('pregnancyWeeks')} />
                <FieldError id="pregnancyWeeks-error" message={errors.pregnancyWeeks?.message} />
              </>
            ) : null}
            <label htmlFor="dialysis">Dialysis</label>
            <select id="dialysis" {...register('dialysis')}>
              <option value="none">None</option>
              <option value="hemodialysis">Haemodialysis</option>
              <option value="peritoneal">Peritoneal dialysis</option>
              <option value="unknown">Unknown</option>
            </select>
            <Provenance id="dialysis-provenance" text={provenance?.context?.dialysis} />
            <label htmlFor="knownDiabetes">Known diabetes</label>
            <select id="knownDiabetes" {...register('knownDiabetes')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <Provenance id="knownDiabetes-provenance" text={provenance?.context?.knownDiabetes} />
            <label htmlFor="hyperglycemiaSymptoms">Classic hyperglycaemia symptoms</label>
            <select id="hyperglycemiaSymptoms" {...register('hyperglycemiaSymptoms')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <label htmlFor="neuropathy">Neuropathy examination</label>
            <select id="neuropathy" {...register('neuropathy')}>
              <option value="not-examined">Not examined</option>
              <option value="present">Signs present</option>
              <option value="absent">Normal</option>
            </select>
            <Provenance id="neuropathy-provenance" text={provenance?.context?.neuropathy} />
            <label htmlFor="activeCancerOrNeurotoxicChemo">Active cancer or neurotoxic chemotherapy</label>
            <select id="activeCancerOrNeurotoxicChemo" {...register('activeCancerOrNeurotoxicChemo')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <Provenance id="activeCancerOrNeurotoxicChemo-provenance" text={provenance?.context?.activeCancerOrNeurotoxicChemo} />
            <label htmlFor="autoimmuneOrInflammatoryDisease">Autoimmune or inflammatory disease</label>
            <select id="autoimmuneOrInflammatoryDisease" {...register('autoimmuneOrInflammatoryDisease')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <Provenance id="autoimmuneOrInflammatoryDisease-provenance" text={provenance?.context?.autoimmuneOrInflammatoryDisease} />
          </fieldset>

          <fieldset className="medications">
            <legend>Medications</legend>
            <label htmlFor="medicationsText">Medication list (one per line; paste from the EHR)</label>
            <textarea id="medicationsText" rows={6} aria-describedby="medicationsText-error" aria-invalid={errors.medicationsText ? true : undefined} {...register('medicationsText')} />
            <FieldError id="medicationsText-error" message={errors.medicationsText?.message} />
            <Provenance id="medicationsText-provenance" text={provenance?.medications} />
            <label className="inline">
              <input type="checkbox" aria-describedby="noMedications-error" {...register('noMedications')} /> No medications (confirmed with the patient)
            </label>
            <FieldError id="noMedications-error" message={errors.noMedications?.message} />
          </fieldset>

          <button type="submit">{pending ? 'Saving…' : 'Save assessment'}</button>
        </fieldset>
      </form>
      <aside className="live" aria-labelledby="live-h" tabIndex={0}>
        <h2 id="live-h">Live evaluation</h2>
        <p className="meta">Updates as you type; the saved result is computed again on the server.</p>
        {live ? <ContributorList contributors={live.contributors} /> : <p role="status">Assessment incomplete: the live evaluation could not run.</p>}
      </aside>
    </div>
  );
}
