import type { FormAnswer, FormDefinition, FormField } from '@frontdesk/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addTranslations } from '../i18n';
import { answersToSend, isShown, missingInStep } from './answers';
import { FieldInput } from './FieldInput';
import { type PhotoStore, PhotoStoreContext } from './PhotoInput';
import { requestFormStrings } from './strings';
import './request-form.css';

addTranslations('requestForm', requestFormStrings);

export type Answers = Record<string, FormAnswer | undefined>;

interface Props {
  name: string;
  description: string;
  definition: FormDefinition;
  /** Answers to start from (the customer's address, say). */
  initial?: Answers;
  /** Sends the answers; absent in an admin's preview, where nothing is sent. */
  onSend?: (answers: Record<string, FormAnswer>) => void;
  sending?: boolean;
  /** The server's refusal in plain words. */
  error?: string | null;
  /** Where photo questions keep their photos: the customer's uploads unless given (an admin's preview). */
  photos?: PhotoStore;
}

/**
 * A request form step by step, as a customer fills it on a phone: one step at a time, Next and
 * Back, required questions marked, conditional questions appearing as the answers they wait for
 * are given. Admins preview a draft with the same component.
 */
export function RequestFormFill({ name, description, definition, initial, onSend, sending, error, photos }: Props) {
  const { t } = useTranslation('requestForm');
  const id = useId();
  const [answers, setAnswers] = useState<Answers>(initial ?? {});
  const [step, setStep] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  const top = useRef<HTMLHeadingElement>(null);
  const total = definition.steps.length;
  const current = definition.steps[Math.min(step, total - 1)];
  const last = step >= total - 1;
  useEffect(() => {
    if (step > 0) top.current?.focus();
  }, [step]);

  const change = (key: string, value: FormAnswer | undefined) => {
    setAnswers((a) => ({ ...a, [key]: value }));
    setMissing((m) => m.filter((k) => k !== key));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const unanswered = missingInStep(definition, step, answers);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`${id}-${unanswered[0]}`)?.focus();
      return;
    }
    if (!last) setStep(step + 1);
    else onSend?.(answersToSend(definition, answers));
  };
  const fieldShown = (f: FormField) => isShown(f, answers);

  const form = (
    <form className="rf-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="rf-title" id={`${id}-title`}>
        {name}
      </h2>
      {description && step === 0 ? <p className="rf-muted">{description}</p> : null}
      {total > 1 ? (
        <p className="rf-step" ref={top} tabIndex={-1}>
          {t('step', { n: step + 1, total })}
          {current?.title ? ` · ${current.title}` : ''}
        </p>
      ) : null}
      {current?.fields.filter(fieldShown).map((field) => (
        <FieldInput
          key={field.key}
          id={`${id}-${field.key}`}
          field={field}
          value={answers[field.key]}
          onChange={(value) => change(field.key, value)}
          missing={missing.includes(field.key)}
        />
      ))}
      {missing.length > 0 ? (
        <p className="rf-error" role="alert">
          {t('missingSome')}
        </p>
      ) : null}
      {error ? (
        <p className="rf-error" role="alert">
          {error}
        </p>
      ) : null}
      {last && !onSend ? <p className="rf-muted">{t('preview')}</p> : null}
      <div className="rf-actions">
        {step > 0 ? (
          <button type="button" className="rf-button rf-secondary" onClick={() => setStep(step - 1)}>
            {t('back')}
          </button>
        ) : null}
        <button type="submit" className="rf-button" disabled={sending || (last && !onSend)}>
          {last ? (sending ? t('sending') : t('send')) : t('next')}
        </button>
      </div>
    </form>
  );
  return photos ? <PhotoStoreContext.Provider value={photos}>{form}</PhotoStoreContext.Provider> : form;
}
