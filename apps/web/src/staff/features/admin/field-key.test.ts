import { describe, expect, it } from 'vitest';
import { FIELD_KEY, fieldKeyFromLabel, fieldsToSave } from './field-key';

describe('a customer field’s key from its label', () => {
  it('is the label in lowercase words joined by _', () => {
    expect(fieldKeyFromLabel('Boiler model')).toBe('boiler_model');
    expect(fieldKeyFromLabel('  Service contract until?! ')).toBe('service_contract_until');
  });

  it('spells letters with accents and Polish and German letters plainly', () => {
    expect(fieldKeyFromLabel('Łączność 5G')).toBe('lacznosc_5g');
    expect(fieldKeyFromLabel('Größe')).toBe('grosse');
  });

  it('starts with a letter and is never empty', () => {
    expect(fieldKeyFromLabel('2nd phone')).toBe('field_2nd_phone');
    expect(fieldKeyFromLabel('—')).toBe('field');
  });

  it('numbers a key already taken', () => {
    expect(fieldKeyFromLabel('Fuel', ['fuel'])).toBe('fuel_2');
    expect(fieldKeyFromLabel('Fuel', ['fuel', 'fuel_2'])).toBe('fuel_3');
  });

  it('always is a key the server takes, however long the label', () => {
    for (const label of ['x'.repeat(80), 'Ab '.repeat(30), '9'.repeat(50), 'ąę', 'Contract until'])
      expect(fieldKeyFromLabel(label, [fieldKeyFromLabel(label)])).toMatch(FIELD_KEY);
  });
});

describe('the customer fields an admin saves', () => {
  it('keep the keys of existing fields, renamed or not, and give new ones keys of their own', () => {
    const saved = fieldsToSave([
      { row: 1, key: 'fuel', label: ' Heating fuel ', type: 'choice', options: ['gas', 'oil'] },
      { row: 2, key: null, label: 'Fuel', type: 'text', options: ['left over'] },
      { row: 3, key: null, label: 'Fuel', type: 'yes_no', options: [] },
    ]);
    expect(saved).toEqual([
      { key: 'fuel', label: 'Heating fuel', type: 'choice', options: ['gas', 'oil'] },
      { key: 'fuel_2', label: 'Fuel', type: 'text', options: [] },
      { key: 'fuel_3', label: 'Fuel', type: 'yes_no', options: [] },
    ]);
  });
});
