import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../i18n/error-message';
import { LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { type Customer, type Label, labelKeys, labelsApi } from './api';
import { CustomerPicker } from './CustomerPicker';

// the camera and the QR decoder load only when the technician taps "Scan"
const QrScanner = lazy(async () => ({ default: (await import('./QrScanner')).QrScanner }));

/** `/app/labels/attach` — on site, on a phone: find a blank label (camera or code), pick or add its customer. */
export function AttachLabelPage() {
  const { t } = useTranslation('staff');
  const [label, setLabel] = useState<Label | null>(null);
  const [done, setDone] = useState<Label | null>(null);
  const restart = () => {
    setLabel(null);
    setDone(null);
  };
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 560 }}>
        <Stack gap="lg">
          <Anchor component={Link} to="/app/labels" size="sm">
            ← {t('labels.back')}
          </Anchor>
          <Title order={1} size="h2">
            {t('labels.scan.title')}
          </Title>
          {done ? (
            <Done label={done} onAnother={restart} />
          ) : label ? (
            <FoundLabel label={label} onAnother={restart} onAssigned={setDone} />
          ) : (
            <FindLabel onFound={setLabel} />
          )}
        </Stack>
      </div>
    </div>
  );
}

function FindLabel({ onFound }: { onFound: (label: Label) => void }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const id = useId();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const find = useMutation({
    mutationFn: (by: { code: string } | { token: string }) =>
      'code' in by ? labelsApi.findByCode(by.code) : labelsApi.findByToken(by.token),
    onSuccess: onFound,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) find.mutate({ code: code.trim() });
  };
  return (
    <Stack gap="md">
      <Text>{t('labels.scan.intro')}</Text>
      {scanning ? (
        <Suspense fallback={<LoadingState />}>
          <QrScanner
            onToken={(token) => {
              setScanning(false);
              find.mutate({ token });
            }}
            onClose={() => setScanning(false)}
          />
        </Suspense>
      ) : (
        <Button size="xl" fullWidth onClick={() => setScanning(true)}>
          {t('labels.scan.start')}
        </Button>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            id={`${id}-code`}
            size="xl"
            label={t('labels.scan.code')}
            description={t('labels.scan.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.12em', textTransform: 'uppercase' } }}
          />
          {find.error ? (
            <Alert color="red" role="alert">
              {errorMessage(find.error, { code: t('labels.scan.code'), token: t('labels.scan.code') })}
            </Alert>
          ) : null}
          <Button type="submit" size="xl" fullWidth variant="light" loading={find.isPending} disabled={!code.trim()}>
            {t('labels.scan.find')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function FoundLabel({
  label,
  onAnother,
  onAssigned,
}: {
  label: Label;
  onAnother: () => void;
  onAssigned: (label: Label) => void;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const canMove = user.role === 'admin' || user.role === 'agent';
  const assign = useMutation({
    mutationFn: (customer: Customer) => labelsApi.assign(label.id, customer.id),
    onSuccess: (assigned) => {
      void queryClient.invalidateQueries({ queryKey: labelKeys.all });
      onAssigned(assigned);
    },
  });
  const owner = label.customer?.name ?? '';
  const usable = label.status === 'blank' || (label.status === 'assigned' && canMove);
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('labels.found.title', { code: label.code })}
          </Title>
          {label.status === 'blank' ? (
            <Text>{t('labels.found.blank')}</Text>
          ) : label.status === 'retired' ? (
            <Alert color="red" role="alert">
              {t('labels.found.retired')}
            </Alert>
          ) : (
            <Alert color="yellow" role="alert">
              {canMove
                ? t('labels.found.takenMovable', { customer: owner })
                : t('labels.found.taken', { customer: owner })}
            </Alert>
          )}
          <Button variant="default" size="lg" onClick={onAnother}>
            {t('labels.scan.another')}
          </Button>
        </Stack>
      </Paper>
      {assign.error ? (
        <Alert color="red" role="alert">
          {errorMessage(assign.error)}
        </Alert>
      ) : null}
      {usable ? <CustomerPicker onPick={(c) => assign.mutate(c)} pending={assign.isPending} /> : null}
    </Stack>
  );
}

function Done({ label, onAnother }: { label: Label; onAnother: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <Stack gap="md">
      <Alert color="green" role="status" title={t('labels.done.title')}>
        {t('labels.done.body', { code: label.code, customer: label.customer?.name ?? '' })}
      </Alert>
      <Button size="xl" fullWidth onClick={onAnother}>
        {t('labels.attach')}
      </Button>
      <Button size="lg" variant="default" fullWidth component={Link} to="/app/labels">
        {t('labels.mine')}
      </Button>
    </Stack>
  );
}
