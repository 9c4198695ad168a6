import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../api/types';
import { useErrorMessage } from '../../i18n/error-message';

const STARS = [1, 2, 3, 4, 5] as const;

interface Props {
  conversation: Conversation;
  onRate: (rating: number, comment?: string) => Promise<void>;
}

/** Asks for 1–5 stars and an optional comment once a request is resolved; thanks the guest after. */
export function RatingCard({ conversation, onRate }: Props) {
  const { t } = useTranslation('guest');
  const message = useErrorMessage();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missingStars, setMissingStars] = useState(false);

  if (conversation.rating) {
    return (
      <div className="g-rating g-rating-done">
        <span className="g-stars-static" aria-hidden="true">
          {'★'.repeat(conversation.rating)}
          {'☆'.repeat(5 - conversation.rating)}
        </span>
        <p>{t('rating.thanks', { value: conversation.rating })}</p>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rating) {
      setMissingStars(true);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onRate(rating, comment.trim() || undefined);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="g-rating" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 className="g-rating-title" id={`${id}-title`}>
        {t('rating.title')}
      </h2>
      <p className="g-muted">{t('rating.body')}</p>
      <fieldset className="g-stars" aria-describedby={missingStars ? `${id}-missing` : undefined}>
        <legend className="fd-visually-hidden">{t('rating.starsLabel')}</legend>
        {STARS.map((value) => (
          <label key={value} className={value <= rating ? 'g-star g-star-on' : 'g-star'}>
            <input
              type="radio"
              name={`${id}-stars`}
              value={value}
              checked={rating === value}
              onChange={() => {
                setRating(value);
                setMissingStars(false);
              }}
            />
            <span aria-hidden="true">★</span>
            <span className="fd-visually-hidden">{t('rating.star', { value })}</span>
          </label>
        ))}
      </fieldset>
      {missingStars ? (
        <p className="g-error" id={`${id}-missing`} role="alert">
          {t('rating.chooseStars')}
        </p>
      ) : null}
      <label className="g-label" htmlFor={`${id}-comment`}>
        {t('rating.comment')}
      </label>
      <textarea
        id={`${id}-comment`}
        className="g-input g-textarea"
        rows={2}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {error ? (
        <p className="g-error" role="alert">
          {message(error)}
        </p>
      ) : null}
      <button className="g-button" type="submit" disabled={sending}>
        {sending ? t('rating.sending') : t('rating.submit')}
      </button>
    </form>
  );
}
