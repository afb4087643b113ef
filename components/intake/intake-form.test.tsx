// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TAssessmentForm } from '@/lib/schemas/assessment';
import { IntakeForm, type SubmitResult } from './intake-form';

const patient = { name: 'Iron, Ada', ageYears: 47, sex: 'female' as const };

function setup(result: SubmitResult = { ok: true }) {
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
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const values = onSubmit.mock.calls[0]![0];
    expect(values.labs.ferritin).toEqual({ value: '40', unit: 'µg/L', collectedOn: '' });
    expect(values.labs['glucose-fasting']).toMatchObject({ value: '7.1', unit: 'mmol/L' });
    expect(values.medicationsText).toBe('sertraline 50 mg\nBenadril 25 mg qhs');
    expect(values.noMedications).toBe(false);
  });

  it('after a lost answer, says so and sends the retry with the same submission key', async () => {
    const { user, onSubmit } = setup();
    onSubmit.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await user.type(screen.getByLabelText('Ferritin', { exact: true }), '40');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The save could not be confirmed'));
    await user.click(await screen.findByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    const [first, second] = onSubmit.mock.calls.map((c) => c[1]);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
  });

  it('shows the server\'s field errors on the fields', async () => {
    const { user } = setup({ ok: false, message: 'Some findings need correcting', fieldErrors: { 'labs.tsh.value': ['TSH 5,000 mIU/L is outside the accepted range'] } });
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(screen.getByLabelText('TSH', { exact: true })).toHaveAccessibleDescription('TSH 5,000 mIU/L is outside the accepted range'));
    expect(screen.getByRole('alert')).toHaveTextContent('Some findings need correcting');
  });
});

describe('IntakeForm keyboard entry', () => {
  it('reads a censored result typed into the value ("<5") and tabs value → unit → date', async () => {
    const { user } = setup();
    const ferritin = screen.getByLabelText('Ferritin', { exact: true });
    await user.click(ferritin);
    await user.keyboard('<5');
    const live = screen.getByRole('complementary', { name: 'Live evaluation' });
    await waitFor(() => expect(within(live).getByText('Iron deficiency').closest('li')).toHaveAttribute('data-status', 'flagged'));
    await user.tab();
    expect(screen.getByLabelText('Ferritin unit')).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText('Ferritin collected on (if not the panel date)')).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText('Transferrin saturation', { exact: true })).toHaveFocus();
  });
});
