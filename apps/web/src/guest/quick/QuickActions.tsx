import { uploadAttachment } from '@frontdesk/sdk';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newClientId } from '../../api/socket';
import type { GuestSession } from '../../api/types';
import { addTranslations } from '../../i18n';
import { useErrorMessage } from '../../i18n/error-message';
import { type GuestQuickAction, quickApi, quickKeys } from './api';
import { quickStrings } from './strings';
import './quick.css';

addTranslations('guest', quickStrings);

const SENT_SHOWN_MS = 8000;

/**
 * A hotel guest's greeting (name and room) and their hotel's quick requests, one short bar above the
 * thread: a tap unfolds the list; a request, with what it asks filled in, goes into the chat, where
 * its status then shows.
 */
export function QuickActions({ session }: { session: GuestSession }) {
  const { t } = useTranslation('guest');
  const list = useQuery({ queryKey: quickKeys.list, queryFn: quickApi.list, retry: false });
  // folded by default: on a phone the list and its form would leave the thread no room
  const [shown, setShown] = useState(false);
  const [open, setOpen] = useState<GuestQuickAction | null>(null);
  const [sent, setSent] = useState(false);
  const room = session.stay?.roomNumber;
  const name = session.guest.name;
  const actions = list.data ?? [];
  useEffect(() => {
    // the request shows in the thread: the confirmation gives the room back after a while
    if (!sent) return;
    const timer = setTimeout(() => setSent(false), SENT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [sent]);
  if (!name && !actions.length) return null;
  return (
    <section className="g-quick" aria-label={actions.length ? t('quick.title') : undefined}>
      <div className="g-quick-bar">
        {name ? (
          <p className="g-quick-hello">{room ? t('quick.helloRoom', { name, room }) : t('quick.hello', { name })}</p>
        ) : null}
        {actions.length ? (
          <button
            type="button"
            className="g-quick-toggle"
            aria-expanded={shown}
            aria-controls="g-quick-panel"
            onClick={() => {
              setSent(false);
              setShown(!shown);
            }}
          >
            {t('quick.title')}
            <span className="g-quick-chevron" aria-hidden="true" />
          </button>
        ) : null}
      </div>
      {actions.length ? (
        <div id="g-quick-panel" className="g-quick-panel" hidden={!shown}>
          <ul className="g-quick-list">
            {actions.map((action) => (
              <li key={action.id}>
                <button
                  type="button"
                  className="g-quick-action"
                  aria-expanded={open?.id === action.id}
                  onClick={() => {
                    setSent(false);
                    setOpen(open?.id === action.id ? null : action);
                  }}
                >
                  {action.icon ? (
                    <span className="g-quick-icon" aria-hidden="true">
                      {action.icon}
                    </span>
                  ) : null}
                  {action.title}
                </button>
              </li>
            ))}
          </ul>
          {open ? (
            <QuickForm
              key={open.id}
              action={open}
              onCancel={() => setOpen(null)}
              onSent={() => {
                // the request is in the thread now: fold the list so the guest sees it there
                setOpen(null);
                setShown(false);
                setSent(true);
              }}
            />
          ) : null}
        </div>
      ) : null}
      {sent ? (
        <p className="g-quick-sent" role="status">
          {t('quick.sent')}
        </p>
      ) : null}
    </section>
  );
}

/** What the request asks (how many, what time, a note, a photo), then Send. */
function QuickForm({
  action,
  onCancel,
  onSent,
}: {
  action: GuestQuickAction;
  onCancel: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation('guest');
  const errorMessage = useErrorMessage();
  const f = action.fields;
  // one id for this request, kept across retries: a double tap or a retry after a lost answer sends it once
  const [clientId] = useState(newClientId);
  const [count, setCount] = useState(f.count?.min ?? 1);
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: async () => {
      const photoId = photo ? (await uploadAttachment(photo, { url: '/api/v1/guest/attachments' })).id : undefined;
      return quickApi.request(action.id, {
        clientId,
        count: f.count ? count : undefined,
        time: f.time ? time : undefined,
        note: f.note && note.trim() ? note.trim() : undefined,
        photoId,
      });
    },
    onSuccess: onSent,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!send.isPending) send.mutate();
  };
  const id = (part: string) => `g-quick-${action.id}-${part}`;
  return (
    <form className="g-quick-form" onSubmit={submit} aria-label={action.title}>
      {f.count ? (
        <p>
          <label htmlFor={id('count')}>{t('quick.count')}</label>
          <input
            id={id('count')}
            type="number"
            inputMode="numeric"
            min={f.count.min}
            max={f.count.max}
            value={count}
            onChange={(e) => setCount(Number(e.currentTarget.value))}
            required
          />
        </p>
      ) : null}
      {f.time ? (
        <p>
          <label htmlFor={id('time')}>{t('quick.time')}</label>
          <input id={id('time')} type="time" value={time} onChange={(e) => setTime(e.currentTarget.value)} required />
        </p>
      ) : null}
      {f.note ? (
        <p>
          <label htmlFor={id('note')}>{t('quick.note')}</label>
          <textarea
            id={id('note')}
            value={note}
            maxLength={500}
            rows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </p>
      ) : null}
      {f.photo ? (
        <p>
          <label htmlFor={id('photo')}>{t('quick.photo')}</label>
          <input
            id={id('photo')}
            type="file"
            accept="image/*"
            onChange={(e) => setPhoto(e.currentTarget.files?.[0] ?? null)}
          />
        </p>
      ) : null}
      {send.error ? (
        <p className="g-quick-error" role="alert">
          {errorMessage(send.error)}
        </p>
      ) : null}
      <div className="g-quick-buttons">
        <button type="button" className="g-quick-cancel" onClick={onCancel}>
          {t('quick.cancel')}
        </button>
        <button type="submit" className="g-quick-send" disabled={send.isPending}>
          {send.isPending ? t('quick.sending') : t('quick.send')}
        </button>
      </div>
    </form>
  );
}
