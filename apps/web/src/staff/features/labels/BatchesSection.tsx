import { MAX_LABEL_BATCH } from '@frontdesk/protocol';
import { Anchor, Button, Group, NumberInput, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { zoneLabel } from '../../../i18n/time-zone';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { FormModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { type LabelBatch, type LabelLayout, labelKeys, labelsApi, sheetUrl } from './api';

/** The company's label batches (admins): create one, print its blank labels, open it. */
export function BatchesSection() {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const zone = timeZone ? zoneLabel(timeZone, i18n.language) : '';
  const batches = useQuery({ queryKey: labelKeys.batches, queryFn: labelsApi.batches });
  const [creating, setCreating] = useState(false);
  const [printing, setPrinting] = useState<LabelBatch | null>(null);
  return (
    <section aria-labelledby="label-batches">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={2} size="h4" id="label-batches">
            {t('labels.batches')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('labels.batchesHelp')}
          </Text>
        </div>
        <Button onClick={() => setCreating(true)}>{t('labels.create')}</Button>
      </Group>
      <QueryBlock query={batches} empty={<Text c="dimmed">{t('labels.batchesEmpty')}</Text>}>
        {(rows) => (
          <DataTable
            label={t('labels.batches')}
            columns={[t('labels.name'), t('labels.campaign'), t('labels.createdAt', { zone }), t('labels.counts')]}
          >
            {rows.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/app/labels/batches/${encodeURIComponent(b.id)}`}>
                    {b.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b.campaign || '—'}</Table.Td>
                <Table.Td>{formatDateTime(b.createdAt, i18n.language, timeZone)}</Table.Td>
                <Table.Td>{t('labels.countsValue', b.counts)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setPrinting(b)}
                    aria-label={t('labels.printFor', { name: b.name })}
                  >
                    {t('labels.print')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {creating ? <CreateBatchModal onClose={() => setCreating(false)} /> : null}
      {printing ? <PrintModal batch={printing} onClose={() => setPrinting(null)} /> : null}
    </section>
  );
}

function CreateBatchModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [campaign, setCampaign] = useState('');
  const [size, setSize] = useState<number>(24);
  const create = useMutation({
    mutationFn: () => labelsApi.createBatch({ name: name.trim(), campaign: campaign.trim(), size }),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: labelKeys.all });
      notifications.show({ color: 'green', message: t('labels.created', { count: batch.size }) });
      onClose();
    },
  });
  return (
    <FormModal
      title={t('labels.create')}
      onClose={onClose}
      onSubmit={() => create.mutate()}
      submitLabel={t('labels.create')}
      pending={create.isPending}
      error={create.error}
      errorLabels={{ name: t('labels.name'), campaign: t('labels.campaign'), size: t('labels.size') }}
      ready={!!name.trim() && size >= 1 && size <= MAX_LABEL_BATCH}
    >
      <TextInput
        label={t('labels.name')}
        description={t('labels.nameHelp')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        maxLength={80}
        data-autofocus
      />
      <TextInput
        label={t('labels.campaign')}
        description={t('labels.campaignHelp')}
        value={campaign}
        onChange={(e) => setCampaign(e.currentTarget.value)}
        maxLength={80}
      />
      <NumberInput
        label={t('labels.size')}
        description={t('labels.sizeHelp', { max: MAX_LABEL_BATCH })}
        value={size}
        onChange={(v) => setSize(typeof v === 'number' ? v : Number(v) || 0)}
        min={1}
        max={MAX_LABEL_BATCH}
        allowDecimal={false}
        required
      />
    </FormModal>
  );
}

const layouts: LabelLayout[] = ['a4-3x8', 'a4-2x5', 'letter-2x5'];

/** Pick a sheet layout; the PDF opens in a new tab (with the session cookie: same origin). */
function PrintModal({ batch, onClose }: { batch: LabelBatch; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const [layout, setLayout] = useState<LabelLayout>('a4-3x8');
  return (
    <FormModal
      title={t('labels.printFor', { name: batch.name })}
      onClose={onClose}
      onSubmit={() => {
        window.open(sheetUrl(batch.id, layout), '_blank', 'noopener');
        onClose();
      }}
      submitLabel={t('labels.openPdf')}
      pending={false}
      error={null}
    >
      <Radio.Group
        label={t('labels.layout')}
        description={t('labels.printHelp')}
        value={layout}
        onChange={(v) => setLayout(v as LabelLayout)}
      >
        <Stack gap="xs" mt="xs">
          {layouts.map((l) => (
            <Radio key={l} value={l} label={t(`labels.layouts.${l}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </FormModal>
  );
}
