import type { CustomerField } from '../../types';

/** The server's rule for a customer field's key: a lowercase letter, then letters, digits and _ (40 at most). */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The key a new customer field is stored under, from its label: "Boiler model" → "boiler_model",
 * "Łączność 5G" → "lacznosc_5g", "2nd phone" → "field_2nd_phone"; a key already `taken` gets
 * "_2", "_3"… Existing fields keep theirs, so renaming a field never loses its values.
 */
export function fieldKeyFromLabel(label: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  let base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!base) base = 'field';
  if (!/^[a-z]/.test(base)) base = `field_${base}`;
  base = base.slice(0, 36).replace(/_+$/, '');
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A field as the editor holds it: `key` is null until a new field is saved (it comes from the label). */
export interface FieldRow {
  row: number;
  key: string | null;
  label: string;
  type: CustomerField['type'];
  options: string[];
}

/** The fields to save, in order: existing ones keep their key, new ones get one from their label. */
export function fieldsToSave(rows: readonly FieldRow[]): CustomerField[] {
  const taken = rows.flatMap((r) => (r.key ? [r.key] : []));
  return rows.map((r) => {
    const key = r.key ?? fieldKeyFromLabel(r.label, taken);
    if (!r.key) taken.push(key);
    return { key, label: r.label.trim(), type: r.type, options: r.type === 'choice' ? r.options : [] };
  });
}
