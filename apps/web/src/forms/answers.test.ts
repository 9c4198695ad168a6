import type { FormDefinition, FormField } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { answersToSend, answerText, isShown, missingInStep } from './answers';

const words = { yes: 'Yes', no: 'No', agreed: 'Agreed' };
const field = (over: Partial<FormField>): FormField => ({
  key: 'k',
  type: 'short_text',
  label: 'K',
  help: '',
  required: false,
  options: [],
  showIf: null,
  ...over,
});

describe('answers in plain words', () => {
  it('says yes and no, days, windows and addresses as a person would', () => {
    expect(answerText('yes_no', true, words, 'en')).toBe('Yes');
    expect(answerText('yes_no', false, words, 'en')).toBe('No');
    expect(answerText('consent', true, words, 'en')).toBe('Agreed');
    expect(answerText('date', '2026-12-03', words, 'en')).toBe('December 3, 2026');
    expect(answerText('time_window', { date: '2026-12-03', from: '08:00', to: '12:00' }, words, 'en')).toBe(
      'December 3, 2026, 08:00–12:00',
    );
    expect(
      answerText('address', { line1: 'Długa 5', line2: 'flat 2', city: 'Gdańsk', postcode: '80-827' }, words, 'pl'),
    ).toBe('Długa 5, flat 2, 80-827 Gdańsk');
    expect(answerText('multiple_choice', ['Gas', 'Oil'], words, 'en')).toBe('Gas, Oil');
    expect(answerText('number', 1500, words, 'de')).toBe('1.500');
  });
});

describe('conditions', () => {
  const leak = field({ key: 'leak', type: 'yes_no' });
  const where = field({ key: 'where', required: true, showIf: { field: 'leak', equals: true } });
  const fuel = field({ key: 'fuel', type: 'multiple_choice', options: ['Gas', 'Oil'] });
  const gas = field({ key: 'gas_smell', type: 'yes_no', showIf: { field: 'fuel', equals: 'Gas' } });
  const form: FormDefinition = { steps: [{ title: '', fields: [leak, where, fuel, gas] }] };

  it('shows a field only when its earlier field has the answer', () => {
    expect(isShown(where, {})).toBe(false);
    expect(isShown(where, { leak: false })).toBe(false);
    expect(isShown(where, { leak: true })).toBe(true);
    expect(isShown(gas, { fuel: ['Oil'] })).toBe(false);
    expect(isShown(gas, { fuel: ['Oil', 'Gas'] })).toBe(true);
  });

  it('asks a required field only while shown, and sends no hidden answers', () => {
    expect(missingInStep(form, 0, { leak: false })).toEqual([]);
    expect(missingInStep(form, 0, { leak: true })).toEqual(['where']);
    expect(missingInStep(form, 0, { leak: true, where: '  ' })).toEqual(['where']);
    expect(answersToSend(form, { leak: false, where: 'Kitchen', fuel: [] })).toEqual({ leak: false });
  });
});
