import { type WorkItemDetail, type WorkStatus, workTransitions } from '@frontdesk/protocol';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState, LoadingState } from '../../../ui/states';
import { formatDateTime } from '../../format';
import { FormModal } from '../../ui/FormModal';
import { workApi, workKeys } from './api';
import { PlanDialog } from './PlanDialog';
import { useLiveWork } from './useLiveWork';
import { WorkItemSections } from './WorkItemSections';
import './work.css';

/** `/app/work/:id`: one work item — its fields, status, checklist, notes, photos and history, live. */
export function WorkItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staff');
  useLiveWork();
  const item = useQuery({ queryKey: workKeys.one(id), queryFn: () => workApi.get(id) });
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 820 }}>
        <Stack gap="md">
          <Anchor component={Link} to="/app/work" size="sm">
            ← {t('work.back')}
          </Anchor>
          {item.isPending ? (
            <LoadingState />
          ) : item.isError ? (
            <ErrorState error={item.error} onRetry={() => void item.refetch()} />
          ) : (
            <>
              <Facts item={item.data} />
              <StatusButtons item={item.data} />
              <WorkItemSections item={item.data} />
            </>
          )}
        </Stack>
      </div>
    </div>
  );
}

function Facts({ item }: { item: WorkItemDetail }) {
  const { t, i18n } = useTranslation('staff');
  const [planning, setPlanning] = useState(false);
  const at = (iso: string) => formatDateTime(iso, i18n.language, item.timeZone);
  const when = item.window
    ? `${at(item.window.start)} – ${at(item.window.end)}`
    : item.dueAt
      ? at(item.dueAt)
      : t('work.noTime');
  const place = [item.place.roomNumber ? t('work.room', { number: item.place.roomNumber }) : '', item.place.address]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {item.title}
          </Title>
          <Text c="dimmed" size="sm">
            {t(`work.kinds.${item.kind}`)}
          </Text>
        </div>
        <Group gap="xs">
          {item.overdue ? <Badge color="red">{t('work.overdue')}</Badge> : null}
          <Badge size="lg" variant="light">
            {t(`work.statuses.${item.status}`)}
          </Badge>
        </Group>
      </Group>
      {item.status === 'cancelled' && item.cancelReason ? (
        <Alert color="gray">{t('work.cancelledBecause', { reason: item.cancelReason })}</Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <dl className="fd-work-facts">
          <dt>{t('work.assignee')}</dt>
          <dd>{item.assignee?.name ?? t('work.nobody')}</dd>
          <dt>{t('work.team')}</dt>
          <dd>{item.team?.name ?? t('work.noTeam')}</dd>
          <dt>{t('work.when')}</dt>
          <dd>
            {when}{' '}
            <Text span size="xs" c="dimmed">
              ({item.timeZone})
            </Text>
          </dd>
          <dt>{t('work.priority')}</dt>
          <dd>{item.priority}</dd>
          {place ? (
            <>
              <dt>{t('work.place')}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
          {item.description ? (
            <>
              <dt>{t('work.description')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{item.description}</dd>
            </>
          ) : null}
        </dl>
        <Group mt="md" gap="sm">
          {item.status !== 'done' && item.status !== 'cancelled' ? (
            <Button variant="light" onClick={() => setPlanning(true)}>
              {t('work.plan')}
            </Button>
          ) : null}
          {item.conversationId ? (
            <Button component={Link} to={`/app?c=${encodeURIComponent(item.conversationId)}`} variant="default">
              {t('work.openChat')}
            </Button>
          ) : null}
          {item.leadId ? (
            <Button component={Link} to={`/app/leads/${encodeURIComponent(item.leadId)}`} variant="default">
              {t('work.openLead')}
            </Button>
          ) : null}
        </Group>
      </Paper>
      {planning ? <PlanDialog item={item} onClose={() => setPlanning(false)} /> : null}
    </>
  );
}

/** The moves the item may make from where it stands; cancelling asks why. */
function StatusButtons({ item }: { item: WorkItemDetail }) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [askingWhy, setAskingWhy] = useState(false);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (body: { status: WorkStatus; reason?: string }) => workApi.status(item.id, body),
    onSuccess: () => {
      setAskingWhy(false);
      void client.invalidateQueries({ queryKey: workKeys.all });
    },
  });
  const moves = workTransitions[item.status];
  if (!moves.length) return null;
  return (
    <Stack gap="xs">
      <Group gap="sm" role="group" aria-label={t('work.moveTo')}>
        <Text size="sm" fw={600}>
          {t('work.moveTo')}
        </Text>
        {moves
          .filter((s) => s !== 'cancelled')
          .map((s) => (
            <Button
              key={s}
              variant="default"
              loading={move.isPending && move.variables?.status === s}
              onClick={() => move.mutate({ status: s })}
            >
              {t(`work.statuses.${s}`)}
            </Button>
          ))}
        {moves.includes('cancelled') ? (
          <Button variant="default" color="red" onClick={() => setAskingWhy(true)}>
            {t('work.cancel')}
          </Button>
        ) : null}
      </Group>
      {move.error && !askingWhy ? (
        <Alert color="red" role="alert">
          {errorMessage(move.error)}
        </Alert>
      ) : null}
      {askingWhy ? (
        <FormModal
          title={t('work.cancelTitle')}
          onClose={() => setAskingWhy(false)}
          onSubmit={() => move.mutate({ status: 'cancelled', reason: reason.trim() })}
          submitLabel={t('work.cancelConfirm')}
          pending={move.isPending}
          error={move.error}
          errorLabels={{ reason: t('work.cancelReason') }}
          ready={reason.trim() !== ''}
        >
          <Textarea
            label={t('work.cancelReason')}
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
