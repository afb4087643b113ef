// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TAssessmentForm } from '@/lib/schemas/assessment';
import { IntakeForm, type SubmitResult } from './intake-form';

const patient = { name: 'Iron, Ada', ageYears: 47, sex: 'female' as const };

// The app router is not mounted in a component test: the form's navigation is recorded instead.
const push = vi.fn<(href: string) => void>();
vi.mock('next/navigation', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/navigation')>()), useRouter: () => ({ push }) }));

function setup(result: SubmitResult = { ok: true, assessmentId: 'csaved0000000000000000001' }) {
  push.mockClear();
  const onSubmit = vi.fn<(values: TAssessmentForm, submissionKey: string) => Promise<SubmitResult>>(async () => result);
  render(<IntakeForm patient={patient} asOf="2026-11-23" onSubmit={onSubmit} />);
  return { onSubmit, user: userEvent.setup() };
}

describe('IntakeForm', () => {
  it('labels every lab input with the analyte name', () => {
    setup();
    for (const label of ['Ferritin', 'Transferrin saturation', 'Fasting glucose', 'HbA1c', 'Creatinine', 'eGFR', 'TSH']) {
      expect(screen.getByLabelText(label, { exact: true })).toBeInTheDocument();
    }
  });

  it('updates the live evaluation as values are typed, without a round trip', async () => {
    const { user, onSubmit } = setup();
    const live = screen.getByRole('complementary', { name: 'Live evaluation' });
    const iron = () => within(live).getByText('Iron deficiency').closest('li')!;
    expect(iron()).toHaveAttribute('data-status', 'not-assessed');
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '40');
    await waitFor(() => expect(iron()).toHaveAttribute('data-status', 'flagged'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows a field-level error tied to the input and does not submit a non-numeric value', async () => {
    const { user, onSubmit } = setup();
    const ferritin = screen.getByLabelText('Ferritin', { exact: true });
    await user.type(ferritin, 'abc');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(ferritin).toHaveAttribute('aria-invalid', 'true'));
    expect(ferritin).toHaveAccessibleDescription('Ferritin must be a number, e.g. 45, 4.5 or <5');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Ferritin must be a number, e.g. 45, 4.5 or <5' })).toHaveAttribute('href', '#labs-ferritin-value');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses an absurd ferritin before submitting', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '250000');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(screen.getByLabelText('Ferritin', { exact: true })).toHaveAccessibleDescription(/outside the accepted range/));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits the values with the chosen SI unit and the medication lines', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '40');
    await user.selectOptions(screen.getByLabelText('Ferritin unit'), 'µg/L');
    await user.type(screen.getByLabelText('Fasting glucose', { exact: true }), '7.1');
    await user.selectOptions(screen.getByLabelText('Fasting glucose unit'), 'mmol/L');
    await user.type(screen.getByLabelText(/Medication list/), 'sertraline 50 mg{Enter}Benadril 25 mg qhs');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    // Two of eighteen labs: asked once, then saved.
    const confirm = await screen.findByRole('group', { name: 'Save with 2 of 18 labs?' });
    expect(confirm).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const values = onSubmit.mock.calls[0]![0];
    expect(values.labs.ferritin).toEqual({ value: '40', unit: 'µg/L', collectedOn: '' });
    expect(values.labs['glucose-fasting']).toMatchObject({ value: '7.1', unit: 'mmol/L' });
    expect(values.medicationsText).toBe('sertraline 50 mg\nBenadril 25 mg qhs');
    expect(values.noMedications).toBe(false);
    // Saved: the form opens the saved assessment.
    await waitFor(() => expect(push).toHaveBeenCalledWith('/assessments/csaved0000000000000000001'));
  });

  it('after a lost answer, says so and sends the retry with the same submission key', async () => {
    const { user, onSubmit } = setup();
    onSubmit.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '40');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await user.click(await screen.findByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The save could not be confirmed'));
    await user.click(await screen.findByRole('button', { name: 'Save assessment' }));
    await user.click(await screen.findByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    const [first, second] = onSubmit.mock.calls.map((c) => c[1]);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
  });

  it('shows the server\'s field errors on the fields', async () => {
    const { user } = setup({ ok: false, message: 'Some findings need correcting', fieldErrors: { 'labs.tsh.value': ['TSH 5,000 mIU/L is outside the accepted range'], noMedications: ['"No medications" is ticked but medications are listed'] } });
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await user.click(await screen.findByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(screen.getByLabelText('TSH', { exact: true })).toHaveAccessibleDescription('TSH 5,000 mIU/L is outside the accepted range'));
    // The error summary: focused, the server's message, one link per field.
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Some findings need correcting');
    await waitFor(() => expect(summary).toHaveFocus());
    // The summary is focused as soon as the errors arrive; the fields are enabled again once the submit
    // has settled (a disabled field cannot take focus: this failed under load when clicked before).
    await waitFor(() => expect(screen.getByLabelText('TSH', { exact: true })).toBeEnabled());
    await user.click(within(summary).getByRole('link', { name: 'TSH 5,000 mIU/L is outside the accepted range' }));
    // Focus moves after the click is handled: wait for the outcome, not for a time (failed once under load).
    await waitFor(() => expect(screen.getByLabelText('TSH', { exact: true })).toHaveFocus());
    await user.click(within(summary).getByRole('link', { name: '"No medications" is ticked but medications are listed' }));
    await waitFor(() => expect(screen.getByLabelText(/No medications/)).toHaveFocus());
    expect(push).not.toHaveBeenCalled();
  });
});

describe('IntakeForm keyboard entry', () => {
  it('reads a censored result typed into the value ("<5"); Tab goes value → value, Alt+U and Alt+C reach unit and date', async () => {
    const { user } = setup();
    const ferritin = screen.getByLabelText('Ferritin', { exact: true });
    await user.click(ferritin);
    await user.keyboard('<5');
    const live = screen.getByRole('complementary', { name: 'Live evaluation' });
    await waitFor(() => expect(within(live).getByText('Iron deficiency').closest('li')).toHaveAttribute('data-status', 'flagged'));
    await user.keyboard('{Alt>}u{/Alt}');
    expect(screen.getByLabelText('Ferritin unit')).toHaveFocus();
    await user.click(ferritin);
    await user.keyboard('{Alt>}c{/Alt}');
    expect(screen.getByLabelText('Ferritin collected on (if not the panel date)')).toHaveFocus();
    await user.click(ferritin);
    await user.tab();
    expect(screen.getByLabelText('Transferrin saturation', { exact: true })).toHaveFocus();
  });

  it('a changed unit joins the Tab order', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Ferritin unit'), 'µg/L');
    await user.click(screen.getByLabelText('Ferritin', { exact: true }));
    await user.tab();
    expect(screen.getByLabelText('Ferritin unit')).toHaveFocus();
  });

  it('Enter in a lab field never saves: it moves to the next lab', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '45{Enter}');
    expect(screen.getByLabelText('Transferrin saturation', { exact: true })).toHaveFocus();
    await user.type(screen.getByLabelText('Labs collected on'), '{Enter}');
    await user.type(screen.getByLabelText('Magnesium', { exact: true }), '2{Enter}');
    expect(screen.getByLabelText(/Medication list/)).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.queryByRole('group', { name: /Save with/ })).toBeNull();
  });

  it('saves a full enough panel without asking', async () => {
    const { user, onSubmit } = setup();
    for (const [label, value] of [['Ferritin', '40'], ['Transferrin saturation', '18'], ['Hemoglobin', '12.9'], ['Fasting glucose', '95'], ['eGFR', '85'], ['TSH', '2.1']] as const) {
      await user.type(screen.getByLabelText(label, { exact: true }), value);
    }
    await user.click(screen.getByLabelText(/No medications/));
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].assessedOn).toBe('2026-11-23');
  });
});

describe('IntakeForm unit sense and live panel', () => {
  it('says what a TSAT typed as a fraction probably is, and switches only when asked', async () => {
    const { user } = setup();
    const tsat = screen.getByLabelText('Transferrin saturation', { exact: true });
    await user.type(tsat, '0.18');
    const hint = 'Transferrin saturation 0.18% is implausible as a percentage; as a fraction it is 18%.';
    await waitFor(() => expect(document.getElementById('labs-tsat-hint')).toHaveTextContent(hint));
    expect(tsat.getAttribute('aria-describedby')).toContain('labs-tsat-hint');
    expect(screen.getByLabelText('Transferrin saturation unit')).toHaveValue('%');
    await user.click(screen.getByRole('button', { name: 'Switch Transferrin saturation to fraction' }));
    expect(screen.getByLabelText('Transferrin saturation unit')).toHaveValue('fraction');
    await waitFor(() => expect(screen.queryByRole('button', { name: /Switch Transferrin saturation/ })).toBeNull());
  });

  it('names a value that cannot be read, rather than calling it missing', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), 'abc');
    const live = screen.getByRole('complementary', { name: 'Live evaluation' });
    await waitFor(() => expect(within(live).getByText('Ferritin not read: “abc”')).toBeInTheDocument());
  });

  it('refuses an assessment date in the future', async () => {
    const { user, onSubmit } = setup();
    const date = screen.getByLabelText('Assessment date');
    expect(date).toHaveValue('2026-11-23');
    await user.clear(date);
    await user.type(date, '2026-11-24');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(date).toHaveAccessibleDescription('The assessment date 2026-11-24 is in the future (today is 2026-11-23)'));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
