import type { LeadStatus } from '@frontdesk/protocol';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MessageAttachments } from '../../../chat/Attachments';
import { answerText } from '../../../forms/answers';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { FormModal } from '../../ui/FormModal';
import { type LeadRow, leadKeys, leadsApi } from './api';
import { ConvertDialog } from './ConvertDialog';
import { useLiveLeads } from './useLiveLeads';
import './leads.css';

/** `/app/leads/:leadId`: one request — who sent it, with which form, the answers, where from — and its status. */
export function LeadPage() {
  const { leadId = '' } = useParams();
  const { t } = useTranslation('staff');
  useLiveLeads();
  const lead = useQuery({ queryKey: leadKeys.one(leadId), queryFn: () => leadsApi.get(leadId) });
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 760 }}>
        <Stack gap="md">
          <Anchor component={Link} to="/app/leads" size="sm">
            ← {t('leads.back')}
          </Anchor>
          {lead.isPending ? (
            <LoadingState />
          ) : lead.isError ? (
            <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />
          ) : (
            <LeadDetails lead={lead.data} />
          )}
        </Stack>
      </div>
    </div>
  );
}

function LeadDetails({ lead }: { lead: LeadRow }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const words = { yes: t('leads.yes'), no: t('leads.no'), agreed: t('leads.agreed') };
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {lead.form.name}
          </Title>
          <Text c="dimmed" size="sm">
            {t('leads.formVersion', { name: lead.form.name, version: lead.form.version })} ·{' '}
            {t('leads.receivedOn', { when: formatDateTime(lead.createdAt, i18n.language, timeZone) })}
          </Text>
        </div>
        <Badge
          size="lg"
          variant="light"
          color={lead.status === 'lost' ? 'red' : lead.status === 'new' ? 'blue' : 'teal'}
        >
          {t(`leads.status.${lead.status}`)}
        </Badge>
      </Group>
      {lead.status === 'lost' && lead.lostReason ? (
        <Alert color="gray">{t('leads.lostBecause', { reason: lead.lostReason })}</Alert>
      ) : null}
      <StatusButtons lead={lead} />
      <ConvertToWorkOrder lead={lead} />
      <Paper withBorder radius="md" p="md">
        <dl className="fd-lead-facts">
          <dt>{t('leads.customer')}</dt>
          <dd>
            <Anchor component={Link} to={`/app/customers/${lead.customer.id}`}>
              {lead.customer.name}
            </Anchor>
          </dd>
          <dt>{t('leads.source')}</dt>
          <dd>
            {[
              lead.source.labelCode ? t('leads.label', { code: lead.source.labelCode }) : '',
              lead.source.campaign ? t('leads.campaign', { campaign: lead.source.campaign }) : '',
            ]
              .filter(Boolean)
              .join(' · ') || t('leads.direct')}
          </dd>
        </dl>
        {lead.conversationId ? (
          <Button component={Link} to={`/app?c=${encodeURIComponent(lead.conversationId)}`} mt="md" variant="light">
            {t('leads.openChat')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed" mt="md">
            {t('leads.noChat')}
          </Text>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          {t('leads.answers')}
        </Title>
        <dl className="fd-lead-facts">
          {lead.answers.map((a) => (
            <div key={a.key}>
              <dt>{a.label}</dt>
              <dd>
                {a.type === 'photo' && Array.isArray(a.value) ? (
                  <LeadPhotos lead={lead} ids={a.value} />
                ) : (
                  answerText(a.type, a.value, words, i18n.language)
                )}
              </dd>
            </div>
          ))}
        </dl>
      </Paper>
    </>
  );
}

/** The photos of one answer, as thumbnails that open full size; served through the lead (who may see it). */
function LeadPhotos({ lead, ids }: { lead: LeadRow; ids: readonly string[] }) {
  const { t } = useTranslation('staff');
  const photos = lead.photos.filter((p) => ids.includes(p.id));
  if (!photos.length) return <>{t('leads.photosGone')}</>;
  const base = `/api/v1/leads/${encodeURIComponent(lead.id)}/photos`;
  return (
    <MessageAttachments
      attachments={photos}
      side="staff"
      pathOf={(id, thumbnail) => `${base}/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`}
    />
  );
}

/** "Convert to work order…" while the lead is open; once converted here, a link to the work order. */
function ConvertToWorkOrder({ lead }: { lead: LeadRow }) {
  const { t } = useTranslation('staff');
  const zone = useTimeZone() ?? 'UTC';
  const [open, setOpen] = useState(false);
  const [convertedHere, setWorkItemId] = useState<string | null>(null);
  const canConvert = useCurrentUser().abilities.dispatch;
  // the work order this lead became, converted here or earlier (the lead says which)
  const workItemId = convertedHere ?? lead.workItemId;
  if (workItemId)
    return (
      <Alert color="teal">
        <Anchor component={Link} to={`/app/work/${encodeURIComponent(workItemId)}`}>
          {t('leads.openWorkOrder')}
        </Anchor>
      </Alert>
    );
  // a plan without tasks, or a field user: the status buttons still mark it converted
  if (lead.status === 'converted' || lead.status === 'lost' || !canConvert) return null;
  return (
    <Group>
      <Button onClick={() => setOpen(true)}>{t('leads.convert')}</Button>
      {open ? (
        <ConvertDialog
          lead={lead}
          zone={zone}
          onClose={() => setOpen(false)}
          onConverted={(itemId) => {
            setOpen(false);
            setWorkItemId(itemId);
          }}
        />
      ) : null}
    </Group>
  );
}

/** Contacted, Converted, Lost (asks why): the statuses the lead can move to from where it is. */
function StatusButtons({ lead }: { lead: LeadRow }) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [askingWhy, setAskingWhy] = useState(false);
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (body: { status: LeadStatus; lostReason?: string }) => leadsApi.change(lead.id, body),
    onSuccess: (updated) => {
      client.setQueryData(leadKeys.one(lead.id), updated);
      void client.invalidateQueries({ queryKey: leadKeys.all });
      setAskingWhy(false);
      notifications.show({ message: t('leads.changed', { status: t(`leads.status.${updated.status}`) }) });
    },
  });
  const buttons: { status: LeadStatus; label: string }[] = [
    { status: 'contacted', label: t('leads.markContacted') },
    { status: 'converted', label: t('leads.markConverted') },
  ];
  return (
    <Stack gap="xs">
      <Group gap="sm" role="group" aria-label={t('leads.markAs')}>
        <Text size="sm" fw={600}>
          {t('leads.markAs')}
        </Text>
        {buttons
          .filter((b) => b.status !== lead.status)
          .map((b) => (
            <Button
              key={b.status}
              variant="default"
              loading={change.isPending && change.variables?.status === b.status}
              onClick={() => change.mutate({ status: b.status })}
            >
              {b.label}
            </Button>
          ))}
        {lead.status !== 'lost' ? (
          <Button variant="default" color="red" onClick={() => setAskingWhy(true)}>
            {t('leads.markLost')}
          </Button>
        ) : null}
        {lead.status !== 'new' ? (
          <Button variant="subtle" onClick={() => change.mutate({ status: 'new' })}>
            {t('leads.markNew')}
          </Button>
        ) : null}
      </Group>
      {change.error && !askingWhy ? (
        <Alert color="red" role="alert">
          {errorMessage(change.error)}
        </Alert>
      ) : null}
      {askingWhy ? (
        <FormModal
          title={t('leads.lostTitle')}
          onClose={() => setAskingWhy(false)}
          onSubmit={() => change.mutate({ status: 'lost', lostReason: reason.trim() })}
          submitLabel={t('leads.lostConfirm')}
          pending={change.isPending}
          error={change.error}
          errorLabels={{ lostReason: t('leads.lostReason') }}
          ready={reason.trim() !== ''}
        >
          <Textarea
            label={t('leads.lostReason')}
            description={t('leads.lostReasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={300}
            required
            data-autofocus
          />
        </FormModal>
      ) : null}
    </Stack>
  );
}
