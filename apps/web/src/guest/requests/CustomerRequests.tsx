import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageAttachments } from '../../chat/Attachments';
import { addTranslations } from '../../i18n';
import { useErrorMessage } from '../../i18n/error-message';
import { formatWhen } from '../format';
import { type CustomerForm, requestsApi, requestsKeys } from './api';
import { scannedLabelToken } from './label-source';
import { customerRequestsStrings } from './strings';
import './requests.css';

addTranslations('guest', customerRequestsStrings);

// the form itself loads when the customer opens one
const RequestFormFill = lazy(async () => ({ default: (await import('../../forms/RequestFormFill')).RequestFormFill }));

/**
 * In a customer's chat: "Make a request" with their company's published forms, the form in a
 * full-screen dialog, and "My requests" with where each stands. Nothing shows for a visitor who
 * is no company's customer (the server refuses them the forms).
 */
export function CustomerRequests({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation('guest');
  const forms = useQuery({ queryKey: requestsKeys.forms, queryFn: requestsApi.forms, retry: false });
  const [open, setOpen] = useState<CustomerForm | null>(null);
  const [sent, setSent] = useState(false);
  const [choosing, setChoosing] = useState(false);
  if (!forms.data || forms.data.length === 0) return null;
  return (
    <section className="g-customer-requests" aria-label={t('customerRequests.make')}>
      <details
        className="g-make-request"
        open={choosing}
        onToggle={(e) => setChoosing((e.target as HTMLDetailsElement).open)}
      >
        <summary>{t('customerRequests.make')}</summary>
        <p className="g-muted">{t('customerRequests.choose')}</p>
        <ul>
          {forms.data.map((form) => (
            <li key={form.id}>
              <button
                type="button"
                className="g-request-form"
                onClick={() => {
                  setOpen(form);
                  setChoosing(false);
                  setSent(false);
                }}
              >
                <span className="g-request-form-name">{form.name}</span>
                {form.description ? <span className="g-muted">{form.description}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {sent ? (
        <p className="g-banner" role="status">
          {t('customerRequests.sent')}
        </p>
      ) : null}
      <MyRequests timeZone={timeZone} />
      {open ? (
        <FormDialog
          form={open}
          onClose={() => setOpen(null)}
          onSent={() => {
            setOpen(null);
            setSent(true);
          }}
        />
      ) : null}
    </section>
  );
}

function FormDialog({ form, onClose, onSent }: { form: CustomerForm; onClose: () => void; onSent: () => void }) {
  const { t } = useTranslation('guest');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);
  const send = useMutation({
    mutationFn: (answers: Parameters<typeof requestsApi.send>[0]['answers']) =>
      requestsApi.send({ formId: form.id, answers, labelToken: scannedLabelToken() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: requestsKeys.mine });
      onSent();
    },
  });
  return (
    <dialog ref={dialog} className="g-form-dialog" aria-label={form.name} onCancel={onClose}>
      <div className="g-form-dialog-bar">
        <button type="button" className="g-form-close" onClick={onClose}>
          {t('customerRequests.close')}
        </button>
      </div>
      <Suspense fallback={null}>
        <RequestFormFill
          name={form.name}
          description={form.description}
          definition={form.definition}
          onSend={(answers) => send.mutate(answers)}
          sending={send.isPending}
          error={send.error ? errorMessage(send.error) : null}
        />
      </Suspense>
    </dialog>
  );
}

function MyRequests({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('guest');
  const mine = useQuery({ queryKey: requestsKeys.mine, queryFn: requestsApi.mine, retry: false });
  const leads = mine.data ?? [];
  if (leads.length === 0) return null;
  return (
    <details className="g-requests">
      <summary>{t('customerRequests.mine', { n: leads.length })}</summary>
      <ul>
        {leads.map((lead) => (
          <li key={lead.id} className="g-my-request">
            <span className="g-request-when">
              {t('customerRequests.sentOn', {
                form: lead.formName,
                when: formatWhen(lead.createdAt, i18n.language, timeZone),
              })}
            </span>
            <span className={`g-status g-lead-${lead.status}`}>{t(`customerRequests.status.${lead.status}`)}</span>
            {lead.photos.length ? <MessageAttachments attachments={lead.photos} side="guest" /> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
