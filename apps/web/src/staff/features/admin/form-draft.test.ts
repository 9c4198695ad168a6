import { describe, expect, it } from 'vitest';
import { definitionOf, draftOf, earlierChoices, moved } from './form-draft';

describe('the request form designer’s draft', () => {
  it('gives new questions keys from their labels, keeps saved keys, and carries conditions by key', () => {
    const steps = draftOf({
      steps: [
        {
          title: 'One',
          fields: [
            { key: 'leak', type: 'yes_no', label: 'A leak?', help: '', required: true, options: [], showIf: null },
          ],
        },
      ],
    });
    const leak = steps[0]?.fields[0];
    if (!leak) throw new Error('no field');
    steps[0]?.fields.push({
      row: 999,
      key: null,
      type: 'short_text',
      label: 'Where is the leak?',
      help: '',
      required: false,
      options: ['ignored'],
      showIf: { row: leak.row, equals: true },
    });
    const definition = definitionOf(steps);
    expect(definition.steps[0]?.fields.map((f) => f.key)).toEqual(['leak', 'where_is_the_leak']);
    expect(definition.steps[0]?.fields[1]).toMatchObject({ options: [], showIf: { field: 'leak', equals: true } });
    expect(earlierChoices(steps, 999).map((f) => f.key)).toEqual(['leak']);
    expect(earlierChoices(steps, leak.row)).toEqual([]);
  });

  it('moves a question up and down within bounds', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a photo question’s most photos: saved without one it takes 5; other questions have none', () => {
    const field = { help: '', required: false, options: [], showIf: null };
    const steps = draftOf({
      steps: [
        {
          title: '',
          fields: [
            { ...field, key: 'old', type: 'photo', label: 'Old photos' },
            { ...field, key: 'few', type: 'photo', label: 'Few photos', maxPhotos: 2 },
            { ...field, key: 'text', type: 'short_text', label: 'Text' },
          ],
        },
      ],
    });
    const few = steps[0]?.fields[1];
    if (!few) throw new Error('no field');
    expect(definitionOf(steps).steps[0]?.fields.map((f) => f.maxPhotos)).toEqual([5, 2, undefined]);
    few.maxPhotos = 9;
    expect(definitionOf(steps).steps[0]?.fields[1]?.maxPhotos).toBe(9);
    expect('maxPhotos' in (definitionOf(steps).steps[0]?.fields[2] ?? {})).toBe(false);
  });
});
