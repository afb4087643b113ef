'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ZPatientFormSchema, type TPatientForm } from '@/lib/schemas/patient';
import { useHydrated } from '@/components/ui/use-hydrated';

export type PatientSubmitResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

const FIELDS: { name: keyof TPatientForm; label: string; type?: string }[] = [
  { name: 'mrn', label: 'MRN' },
  { name: 'familyName', label: 'Family name' },
  { name: 'givenName', label: 'Given name' },
  { name: 'birthDate', label: 'Date of birth', type: 'date' },
];

/** Create or edit a patient; the same schema is checked again on the server. */
export function PatientForm({ initial, submitLabel, onSubmit }: { initial?: TPatientForm; submitLabel: string; onSubmit: (values: TPatientForm) => Promise<PatientSubmitResult> }) {
  const { register, handleSubmit, setError, formState } = useForm<TPatientForm>({
    resolver: zodResolver(ZPatientFormSchema),
    defaultValues: initial ?? { mrn: '', givenName: '', familyName: '', birthDate: '', sex: '' as TPatientForm['sex'] },
  });
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const submit = handleSubmit((values) => new Promise<void>((resolve) => {
    startTransition(async () => {
      const result = await onSubmit(values);
      if (!result.ok) {
        for (const [path, messages] of Object.entries(result.fieldErrors)) setError(path as keyof TPatientForm, { message: messages.join('; ') });
        setError('root', { message: result.message });
      }
      resolve();
    });
  }));
  const e = formState.errors;
  return (
    <form onSubmit={submit} noValidate className="patient-form">
      <fieldset disabled={!hydrated || pending}>
        <legend className="visually-hidden">Patient details</legend>
        <p role="alert" className="form-error">{e.root?.message ?? ''}</p>
        {FIELDS.map((f) => (
          <div key={f.name} className="field">
            <label htmlFor={`patient-${f.name}`}>{f.label}</label>
            <input id={`patient-${f.name}`} type={f.type ?? 'text'} aria-invalid={e[f.name] ? true : undefined} aria-describedby={`patient-${f.name}-error`} {...register(f.name)} />
            <span id={`patient-${f.name}-error`} className="field-error" aria-live="polite">{e[f.name]?.message ?? ''}</span>
          </div>
        ))}
        <div className="field">
          <label htmlFor="patient-sex">Sex</label>
          <select id="patient-sex" aria-invalid={e.sex ? true : undefined} aria-describedby="patient-sex-error" {...register('sex')}>
            <option value="">Choose</option>
            <option value="female">Female</option>
            <option value="male">Male</option>
          </select>
          <span id="patient-sex-error" className="field-error" aria-live="polite">{e.sex?.message ?? ''}</span>
        </div>
        <button type="submit">{pending ? 'Saving…' : submitLabel}</button>
      </fieldset>
    </form>
  );
}
