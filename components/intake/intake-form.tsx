'use client';
/**
 * The intake form: every analyte of the contract, grouped, each with a unit selector and a
 * collection date; patient context; the medication list as pasted lines. The engine runs in the
 * browser as values change (live feedback); on save the server validates and evaluates again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { unstable_rethrow, useRouter } from 'next/navigation';
import { useDeferredValue, useEffect, useMemo, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { useForm, useWatch, type FieldErrors, type FieldPath } from 'react-hook-form';
import { ANALYTES, ANALYTE_IDS, evaluateFindings, type AnalyteId, type AnalyteSpec } from '@/lib/rules';
import { ageOn, assessmentFormSchema, emptyAssessmentForm, enteredLabCount, parseResult, toEvaluationInput, type PatientFacts, type TAssessmentForm } from '@/lib/schemas/assessment';
import { suggestUnit, type UnitSuggestion } from '@/lib/units/unit-sense';
import type { FormProvenance } from '@/lib/fhir/provenance';
import { ContributorList } from '@/components/results/contributor-list';
import { useHydrated } from '@/components/ui/use-hydrated';

/** A save answers with the saved assessment's id; the form then opens it (a light answer, not the result page rendered inside it). */
export type SubmitResult = { ok: true; assessmentId: string } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

const GROUPS: { id: AnalyteSpec['group']; title: string }[] = [
  { id: 'iron', title: 'Iron studies' },
  { id: 'blood-count', title: 'Blood count and inflammation' },
  { id: 'glucose', title: 'Glucose' },
  { id: 'kidney', title: 'Kidney' },
  { id: 'thyroid', title: 'Thyroid' },
  { id: 'vitamins', title: 'Vitamins' },
  { id: 'other', title: 'Other' },
];

/** The labs in the order the form shows them (Enter moves along it). */
const FORM_ORDER: AnalyteId[] = GROUPS.flatMap((g) => ANALYTE_IDS.filter((a) => ANALYTES[a].group === g.id));

/** Fewer labs than this (or an unknown medication list) asks once before saving. */
const SPARSE_LABS = Math.ceil(ANALYTE_IDS.length / 3);

const TRI = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

/** How a unit reads on screen (the stored unit stays as the contract spells it). */
const unitText = (unit: string) => unit.replace(/1\.73m2$/, '1.73 m²');

export interface IntakeFormProps {
  patient: PatientFacts & { name: string; birthDate?: string };
  /** Today on the server's clock: the default assessment date, and the latest date accepted. */
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

/** The id of the control a form path belongs to (error summary links). */
function controlId(path: string): string {
  const lab = /^labs\.([a-z0-9-]+)\.(value|unit|collectedOn)$/.exec(path);
  if (lab) return `labs-${lab[1]}-${lab[2] === 'collectedOn' ? 'date' : lab[2]}`;
  return path;
}

const FIELD_NAMES: Record<string, string> = {
  assessedOn: 'Assessment date', collectedOn: 'Labs collected on', pregnancyWeeks: 'Weeks of pregnancy',
  medicationsText: 'Medication list', noMedications: 'No medications',
};

function fieldName(path: string): string {
  const lab = /^labs\.([a-z0-9-]+)\.(value|unit|collectedOn)$/.exec(path);
  if (lab) {
    const label = ANALYTES[lab[1] as AnalyteId]?.label ?? lab[1]!;
    return lab[2] === 'value' ? label : lab[2] === 'unit' ? `${label} unit` : `${label} collection date`;
  }
  return FIELD_NAMES[path] ?? path;
}

/** Every field error, in form order, as [path, message]. */
function flattenErrors(errors: FieldErrors<TAssessmentForm>): [string, string][] {
  const out: [string, string][] = [];
  const push = (path: string, message: unknown) => {
    if (typeof message === 'string' && message !== '') out.push([path, message]);
  };
  push('assessedOn', errors.assessedOn?.message);
  push('collectedOn', errors.collectedOn?.message);
  for (const a of FORM_ORDER) {
    const e = errors.labs?.[a];
    push(`labs.${a}.value`, e?.value?.message);
    push(`labs.${a}.unit`, e?.unit?.message);
    push(`labs.${a}.collectedOn`, e?.collectedOn?.message);
  }
  for (const k of ['pregnancyWeeks', 'medicationsText', 'noMedications'] as const) push(k, errors[k]?.message);
  return out;
}

export function IntakeForm({ patient, asOf, onSubmit, initialValues, provenance }: IntakeFormProps) {
  const router = useRouter();
  const schema = useMemo(() => assessmentFormSchema(asOf), [asOf]);
  const form = useForm<TAssessmentForm>({
    resolver: zodResolver(schema),
    defaultValues: initialValues ?? { ...emptyAssessmentForm(), assessedOn: asOf },
    // Checked on save (errors appearing on blur move the Save button under the pointer), then as corrected.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // Focus goes to the error summary, which links to each field.
    shouldFocusError: false,
  });
  const { register, handleSubmit, setError, setValue, formState } = form;
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const values = useWatch({ control: form.control }) as TAssessmentForm;
  const deferred = useDeferredValue(values);
  // The live result uses the assessment date typed, when it is a valid one not after today.
  const typedDate = deferred.assessedOn?.trim() ?? '';
  const liveAsOf = /^\d{4}-\d{2}-\d{2}$/.test(typedDate) && typedDate <= asOf ? typedDate : asOf;
  const ageYears = patient.birthDate ? ageOn(patient.birthDate, liveAsOf) : patient.ageYears;
  const live = useMemo(() => {
    try {
      return evaluateFindings(toEvaluationInput(deferred, { ageYears, sex: patient.sex }, liveAsOf), { asOf: liveAsOf });
    } catch {
      return null; // never "no contributors found": the panel says the evaluation is incomplete
    }
  }, [deferred, ageYears, patient.sex, liveAsOf]);

  // One idempotency key per form: a retry after a lost answer is recognised by the server.
  const submissionKey = useRef<string | null>(null);
  const suggestions = useMemo(() => {
    const out: Partial<Record<AnalyteId, UnitSuggestion>> = {};
    for (const a of ANALYTE_IDS) {
      const field = values.labs?.[a];
      const parsed = field ? parseResult(field.value) : null;
      const s = parsed && field ? suggestUnit(a, parsed.value, field.unit, parsed.qualifier) : null;
      if (s) out[a] = s;
    }
    return out;
  }, [values]);
  const notRead = FORM_ORDER.filter((a) => {
    const raw = values.labs?.[a]?.value.trim() ?? '';
    return raw !== '' && parseResult(raw) === null;
  });

  // A failed save shows the error summary and moves focus to it (GOV.UK error summary pattern).
  const [failures, setFailures] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusedFailure = useRef(0);

  // A save with most of the panel empty (or with a unit in doubt) asks once.
  const [doubts, setDoubts] = useState<string[] | null>(null);
  const confirmed = useRef(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (doubts) confirmRef.current?.focus();
  }, [doubts]);

  const save = (data: TAssessmentForm) =>
    new Promise<void>((resolve) => {
      startTransition(async () => {
        submissionKey.current ??= newSubmissionKey();
        let result: SubmitResult;
        try {
          result = await onSubmit(data, submissionKey.current);
        } catch (e) {
          unstable_rethrow(e); // a redirect (to sign-in when the session ended)
          setError('root', { type: 'server', message: 'The save could not be confirmed (the connection was interrupted). Press "Save assessment" again: it will not be saved twice.' });
          setFailures((n) => n + 1);
          resolve();
          return;
        }
        if (result.ok) {
          // Inside the transition: the form stays pending until the saved assessment is shown.
          router.push(`/assessments/${encodeURIComponent(result.assessmentId)}`);
          resolve();
          return;
        }
        for (const [path, messages] of Object.entries(result.fieldErrors)) {
          setError(path as FieldPath<TAssessmentForm>, { type: 'server', message: messages.join('; ') });
        }
        setError('root', { type: 'server', message: result.message });
        setFailures((n) => n + 1);
        resolve();
      });
    });

  const submit = handleSubmit(
    (data) => {
      if (!confirmed.current) {
        const reasons: string[] = [];
        const labs = enteredLabCount(data);
        if (labs < SPARSE_LABS) reasons.push(`Only ${labs} of ${ANALYTE_IDS.length} labs are entered: the others stay "not assessed".`);
        if (data.medicationsText.trim() === '' && !data.noMedications) reasons.push('No medication is listed and "No medications" is not ticked: the medication list stays unknown.');
        for (const a of FORM_ORDER) {
          const s = suggestions[a];
          if (s) reasons.push(`${s.message}.`);
        }
        if (reasons.length > 0) {
          setDoubts(reasons);
          return;
        }
      }
      confirmed.current = false;
      setDoubts(null);
      return save(data);
    },
    () => {
      confirmed.current = false;
      setDoubts(null);
      setFailures((n) => n + 1);
    },
  );

  const saveAnyway = () => {
    confirmed.current = true;
    void submit();
  };
  const backToForm = () => {
    setDoubts(null);
    document.getElementById('labs-ferritin-value')?.focus();
  };

  // Enter in a field never saves: in a lab value it moves to the next lab, elsewhere it does nothing.
  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const t = e.target;
    if (e.key !== 'Enter' || !(t instanceof HTMLInputElement)) return;
    e.preventDefault();
    const lab = /^labs-(.+)-value$/.exec(t.id);
    if (!lab) return;
    const next = FORM_ORDER[FORM_ORDER.indexOf(lab[1] as AnalyteId) + 1];
    document.getElementById(next ? `labs-${next}-value` : 'medicationsText')?.focus();
  };
  // Units and per-lab dates keep their defaults off the Tab path; Alt+U and Alt+C reach them.
  const onValueKeyDown = (a: AnalyteId) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.code === 'KeyU' ? `labs-${a}-unit` : e.code === 'KeyC' ? `labs-${a}-date` : null;
    const el = target ? document.getElementById(target) : null;
    if (el instanceof HTMLSelectElement || el instanceof HTMLInputElement) {
      e.preventDefault();
      el.focus();
    }
  };

  const errors = formState.errors;
  const errorList = flattenErrors(errors);
  const showSummary = failures > 0 && (errorList.length > 0 || Boolean(errors.root?.message));
  // Once per failed save, as soon as the summary is there (the errors may arrive a render later).
  useEffect(() => {
    if (showSummary && focusedFailure.current !== failures && summaryRef.current) {
      focusedFailure.current = failures;
      summaryRef.current.focus();
    }
  }, [showSummary, failures]);
  const labError = (a: AnalyteId) => errors.labs?.[a];
  const isFemale = patient.sex === 'female';
  const statuses = live?.contributors.map((c) => c.status) ?? [];
  const flaggedCount = statuses.filter((s) => s === 'flagged').length;
  const indeterminateCount = statuses.filter((s) => s === 'indeterminate').length;
  const [liveOpen, setLiveOpen] = useState(false);

  return (
    <div className="intake">
      <form onSubmit={submit} onKeyDown={onFormKeyDown} noValidate>
        <fieldset disabled={!hydrated || pending || formState.isSubmitting}>
          <legend className="visually-hidden">New assessment for {patient.name}</legend>
          {showSummary ? (
            <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-h" data-error-summary>
              <h2 id="error-summary-h">There is a problem</h2>
              {errors.root?.message ? <p>{errors.root.message}</p> : null}
              {errorList.length > 0 ? (
                <ul>
                  {errorList.map(([path, message]) => {
                    const name = fieldName(path);
                    const lower = message.toLowerCase();
                    const named = lower.includes(name.toLowerCase()) || lower.startsWith(name.split(' ')[0]!.toLowerCase());
                    const text = named ? message : `${name}: ${message}`;
                    return (
                      <li key={path}>
                        <a
                          href={`#${controlId(path)}`}
                          onClick={(e) => {
                            const el = document.getElementById(controlId(path));
                            if (!el) return;
                            e.preventDefault();
                            el.scrollIntoView?.({ block: 'center' });
                            el.focus();
                          }}
                        >
                          {text}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </div>
          ) : null}
          <p className="meta" id="intake-help">
            Type a result as shown on the report: 45, 4.5, &lt;5 or &gt;90; Enter moves to the next lab. Units default to the conventional ones and
            lab dates to the panel date: Tab passes over them; Alt+U reaches the unit and Alt+C the date of the lab you are in.
          </p>
          <div className="panel-date">
            <span className="date-field">
              <label htmlFor="assessedOn">Assessment date</label>
              <input id="assessedOn" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" autoComplete="off" aria-describedby="assessedOn-error" aria-invalid={errors.assessedOn ? true : undefined} {...register('assessedOn')} />
              <FieldError id="assessedOn-error" message={errors.assessedOn?.message} />
            </span>
            <span className="date-field">
              <label htmlFor="collectedOn">Labs collected on</label>
              <input id="collectedOn" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" autoComplete="off" aria-describedby="collectedOn-error" aria-invalid={errors.collectedOn ? true : undefined} {...register('collectedOn')} />
              <FieldError id="collectedOn-error" message={errors.collectedOn?.message} />
            </span>
          </div>
          {GROUPS.map((g) => {
            const analytes = FORM_ORDER.filter((a) => ANALYTES[a].group === g.id);
            return (
              <fieldset key={g.id} className="lab-group">
                <legend>{g.title}</legend>
                {analytes.map((a) => {
                  const spec = ANALYTES[a];
                  const err = labError(a);
                  const valueErr = err?.value?.message;
                  const unitErr = err?.unit?.message;
                  const dateErr = err?.collectedOn?.message;
                  const describedBy = `labs-${a}-error`;
                  const hintId = `labs-${a}-hint`;
                  const field = values.labs?.[a];
                  const unitDefault = !unitErr && field?.unit === spec.canonicalUnit;
                  const dateDefault = !dateErr && (field?.collectedOn ?? '') === '';
                  const suggestion = suggestions[a];
                  const single = spec.units.length === 1;
                  return (
                    <div className="lab-row" key={a}>
                      <label htmlFor={`labs-${a}-value`}>{spec.label}</label>
                      <input
                        id={`labs-${a}-value`}
                        className="lab-value"
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-invalid={valueErr || unitErr ? true : undefined}
                        aria-describedby={suggestion ? `${describedBy} ${hintId}` : describedBy}
                        aria-keyshortcuts={single ? 'Alt+C' : 'Alt+U Alt+C'}
                        onKeyDown={onValueKeyDown(a)}
                        {...register(`labs.${a}.value`)}
                      />
                      {single ? (
                        <span className="lab-unit unit-fixed" id={`labs-${a}-unit-text`}>{unitText(spec.canonicalUnit)}</span>
                      ) : (
                        <select id={`labs-${a}-unit`} className="lab-unit" aria-label={`${spec.label} unit`} aria-describedby={describedBy} tabIndex={unitDefault ? -1 : undefined} {...register(`labs.${a}.unit`)}>
                          {spec.units.map((u) => (
                            <option key={u.unit} value={u.unit}>{unitText(u.unit)}</option>
                          ))}
                        </select>
                      )}
                      <input
                        id={`labs-${a}-date`}
                        className="lab-date"
                        type="text"
                        inputMode="numeric"
                        placeholder="YYYY-MM-DD"
                        autoComplete="off"
                        aria-label={`${spec.label} collected on (if not the panel date)`}
                        aria-describedby={describedBy}
                        aria-invalid={dateErr ? true : undefined}
                        tabIndex={dateDefault ? -1 : undefined}
                        {...register(`labs.${a}.collectedOn`)}
                      />
                      <FieldError id={describedBy} message={valueErr ?? unitErr ?? dateErr} />
                      <Provenance id={`labs-${a}-provenance`} text={provenance?.labs?.[a]} />
                      <div className="unit-hint" aria-live="polite">
                        {suggestion ? (
                          <>
                            <span id={hintId}>{suggestion.message}.</span>{' '}
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => setValue(`labs.${a}.unit`, suggestion.unit, { shouldDirty: true, shouldValidate: true })}
                            >
                              Switch {spec.label} to {unitText(suggestion.unit)}
                            </button>
                          </>
                        ) : null}
                      </div>
                    </div>
                  );
                })}
              </fieldset>
            );
          })}

          <fieldset className="context">
            <legend>Patient context</legend>
            <p className="meta">{patient.name}: {ageYears} years, {patient.sex}</p>
            {isFemale ? (
              <>
                <label htmlFor="pregnant">Pregnant</label>
                <select id="pregnant" {...register('pregnant')}>{TRI.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            <Provenance id="pregnant-provenance" text={provenance?.context?.pregnant} />
                {values.pregnant === 'yes' || (values.pregnancyWeeks ?? '') !== '' ? (
                  <>
                    <label htmlFor="pregnancyWeeks">Weeks of pregnancy</label>
                    <input id="pregnancyWeeks" inputMode="numeric" aria-describedby="pregnancyWeeks-error" aria-invalid={errors.pregnancyWeeks ? true : undefined} {...register('pregnancyWeeks')} />
                    <FieldError id="pregnancyWeeks-error" message={errors.pregnancyWeeks?.message} />
                  </>
                ) : null}
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
              <input id="noMedications" type="checkbox" aria-describedby="noMedications-error" aria-invalid={errors.noMedications ? true : undefined} {...register('noMedications')} /> No medications (confirmed with the patient)
            </label>
            <FieldError id="noMedications-error" message={errors.noMedications?.message} />
          </fieldset>

          {doubts ? (
            <div className="confirm-save" ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="confirm-save-h" data-confirm-save>
              <h2 id="confirm-save-h">Save with {enteredLabCount(values)} of {ANALYTE_IDS.length} labs?</h2>
              <ul>{doubts.map((d) => <li key={d}>{d}</li>)}</ul>
              <p className="meta">A saved assessment cannot be edited; a correction is a new version.</p>
              <div className="review-buttons">
                <button type="button" onClick={saveAnyway}>Save anyway</button>
                <button type="button" className="secondary" onClick={backToForm}>Back to the form</button>
              </div>
            </div>
          ) : (
            <button type="submit" id="save-assessment">{pending ? 'Saving…' : 'Save assessment'}</button>
          )}
        </fieldset>
      </form>
      <div className="live-bar">
        <button type="button" className="secondary" aria-expanded={liveOpen} aria-controls="live-panel" onClick={() => setLiveOpen((o) => !o)} data-live-bar>
          Live evaluation: {live ? `${flaggedCount} flagged${indeterminateCount > 0 ? `, ${indeterminateCount} indeterminate` : ''}` : 'incomplete'}
          <span className="live-bar-action">{liveOpen ? 'Hide' : 'Show'}</span>
        </button>
      </div>
      <aside id="live-panel" className={liveOpen ? 'live open' : 'live'} aria-labelledby="live-h" tabIndex={0}>
        <h2 id="live-h">Live evaluation</h2>
        <p className="meta">Updates as you type; the saved result is computed again on the server.</p>
        {notRead.length > 0 ? (
          <ul className="not-read" data-not-read>
            {notRead.map((a) => <li key={a}>{ANALYTES[a].label} not read: “{values.labs[a].value.trim()}”</li>)}
          </ul>
        ) : null}
        {live ? <ContributorList contributors={live.contributors} medications={live.medications} /> : <p role="status">Assessment incomplete: the live evaluation could not run.</p>}
      </aside>
    </div>
  );
}
