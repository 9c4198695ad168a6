import type { FormAnswer, FormField } from '@frontdesk/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoInput } from './PhotoInput';

type Address = { line1: string; line2: string; city: string; postcode: string };
type Window = { date: string; from: string; to: string };

interface Props {
  id: string;
  field: FormField;
  value: FormAnswer | undefined;
  onChange: (value: FormAnswer | undefined) => void;
  missing: boolean;
}

/** One question of a request form: its label (marked when required), its help, its input. */
export function FieldInput({ id, field, value, onChange, missing }: Props) {
  const { t } = useTranslation('requestForm');
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = missing ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': missing || undefined,
    'aria-required': field.required || undefined,
  };
  const mark = field.required ? (
    <span className="rf-required">
      {' '}
      <span aria-hidden="true">*</span>
      <span className="rf-sr">({t('required')})</span>
    </span>
  ) : null;
  const help = field.help ? (
    <p className="rf-help" id={helpId}>
      {field.help}
    </p>
  ) : null;
  const error = missing ? (
    <p className="rf-field-error" id={errorId}>
      {t('missing')}
    </p>
  ) : null;
  const text = typeof value === 'string' ? value : '';

  if (field.type === 'short_text' || field.type === 'long_text' || field.type === 'number' || field.type === 'date') {
    const input =
      field.type === 'long_text' ? (
        <textarea {...common} className="rf-input" rows={4} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          className="rf-input"
          type={field.type === 'date' ? 'date' : field.type === 'number' ? 'number' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          value={field.type === 'number' ? (typeof value === 'number' ? String(value) : '') : text}
          onChange={(e) => {
            const raw = e.target.value;
            if (field.type !== 'number') onChange(raw);
            else onChange(raw === '' || Number.isNaN(Number(raw)) ? undefined : Number(raw));
          }}
        />
      );
    return (
      <div className="rf-field">
        <label className="rf-label" htmlFor={id}>
          {field.label}
          {mark}
        </label>
        {help}
        {input}
        {error}
      </div>
    );
  }

  if (field.type === 'photo') {
    const ids = Array.isArray(value) ? value : [];
    return (
      <PhotoInput
        id={id}
        field={field}
        value={ids}
        onChange={onChange}
        describedBy={describedBy}
        mark={mark}
        help={help}
        error={error}
      />
    );
  }

  if (field.type === 'consent') {
    return (
      <div className="rf-field">
        <label className="rf-choice">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>
            {field.label}
            {mark}
          </span>
        </label>
        {help}
        {error}
      </div>
    );
  }

  if (field.type === 'time_window' || field.type === 'address') {
    const parts: [string, string, string][] =
      field.type === 'time_window'
        ? [
            ['date', t('date'), 'date'],
            ['from', t('from'), 'time'],
            ['to', t('to'), 'time'],
          ]
        : [
            ['line1', t('line1'), 'text'],
            ['line2', t('line2'), 'text'],
            ['postcode', t('postcode'), 'text'],
            ['city', t('city'), 'text'],
          ];
    const object = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Partial<
      Window & Address
    >;
    const empty: Window | Address =
      field.type === 'time_window' ? { date: '', from: '', to: '' } : { line1: '', line2: '', city: '', postcode: '' };
    return (
      <Group field={field} mark={mark} help={help} error={error} describedBy={describedBy}>
        <div className={field.type === 'time_window' ? 'rf-window' : 'rf-address'}>
          {parts.map(([part, label, type], i) => (
            <div key={part} className={`rf-part rf-part-${part}`}>
              <label className="rf-sublabel" htmlFor={i === 0 ? id : `${id}-${part}`}>
                {label}
              </label>
              <input
                id={i === 0 ? id : `${id}-${part}`}
                aria-invalid={(missing && part !== 'line2') || undefined}
                className="rf-input"
                type={type}
                autoComplete={
                  part === 'line1'
                    ? 'address-line1'
                    : part === 'line2'
                      ? 'address-line2'
                      : part === 'postcode'
                        ? 'postal-code'
                        : part === 'city'
                          ? 'address-level2'
                          : undefined
                }
                value={(object as Record<string, string | undefined>)[part] ?? ''}
                onChange={(e) => onChange({ ...empty, ...object, [part]: e.target.value } as FormAnswer)}
              />
            </div>
          ))}
        </div>
      </Group>
    );
  }

  // the choices: one of the options, several, or yes and no
  const multiple = field.type === 'multiple_choice';
  const choices: { label: string; value: string | boolean }[] =
    field.type === 'yes_no'
      ? [
          { label: t('yes'), value: true },
          { label: t('no'), value: false },
        ]
      : field.options.map((o) => ({ label: o, value: o }));
  const chosen = (choice: string | boolean) =>
    Array.isArray(value) ? value.includes(choice as string) : value === choice;
  return (
    <Group field={field} mark={mark} help={help} error={error} describedBy={describedBy}>
      <div className="rf-choices">
        {choices.map((choice, i) => (
          <label key={String(choice.value)} className="rf-choice">
            <input
              id={i === 0 ? id : undefined}
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              checked={chosen(choice.value)}
              onChange={(e) => {
                if (!multiple) return onChange(choice.value);
                const list = Array.isArray(value) ? value : [];
                const option = choice.value as string;
                onChange(e.target.checked ? [...list, option] : list.filter((o) => o !== option));
              }}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </Group>
  );
}

/** A question of several inputs: a fieldset whose legend is the question. */
function Group(props: {
  field: FormField;
  mark: ReactNode;
  help: ReactNode;
  error: ReactNode;
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="rf-field rf-fieldset" aria-describedby={props.describedBy}>
      <legend className="rf-label">
        {props.field.label}
        {props.mark}
      </legend>
      {props.help}
      {props.children}
      {props.error}
    </fieldset>
  );
}
