import { IRON_THERAPY_LABELS } from '@/lib/rules';
import { describe, expect, it } from 'vitest';
import { analyteText, distinctNotices, inputStatusText, ironBandText, medicationMatchText, medicationStatusText } from './labels';

describe('display words for engine ids', () => {
  it('shows the engine wording of an iron band, and an unknown band as its id', () => {
    expect(ironBandText('iv-only')).toBe(IRON_THERAPY_LABELS['iv-only']);
    expect(ironBandText('pending')).toBe(IRON_THERAPY_LABELS.pending);
    expect(ironBandText('constructor')).toBe('constructor');
  });

  it('names analytes, and leaves other basis items as they are', () => {
    expect(analyteText('tsat')).toBe('Transferrin saturation');
    expect(analyteText('b12')).toBe('Vitamin B12');
    expect(analyteText('age')).toBe('age');
  });

  it('reads medication statuses as words and does not repeat identity matches', () => {
    expect(medicationStatusText({ status: 'not-flagged', needsConfirmation: false })).toBe('not on the list');
    expect(medicationStatusText({ status: 'flagged', needsConfirmation: true })).toBe('on the list, needs confirmation');
    expect(medicationStatusText({ status: 'something-new' as never, needsConfirmation: false })).toBe('something-new');
    expect(medicationMatchText({ matchedName: 'sertraline', generic: 'sertraline' })).toBe('sertraline');
    expect(medicationMatchText({ matchedName: 'Benadryl', generic: 'diphenhydramine' })).toBe('Benadryl → diphenhydramine');
    expect(medicationMatchText({ matchedName: null, generic: null })).toBe('—');
    expect(inputStatusText('verify')).toBe('used, outside the usual range');
  });

  it('drops repeated notices and a label restated after itself', () => {
    expect(distinctNotices([
      'Pregnancy status not recorded: pregnancy status not recorded: non-pregnant criteria applied',
      'Known diabetes not recorded: no known diabetes recorded; the labs are assessed',
      'Known diabetes not recorded: no known diabetes recorded; the labs are assessed',
    ])).toEqual([
      'Pregnancy status not recorded: non-pregnant criteria applied',
      'Known diabetes not recorded: no known diabetes recorded; the labs are assessed',
    ]);
  });
});
