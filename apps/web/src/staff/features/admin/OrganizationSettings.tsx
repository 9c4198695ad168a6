import {
  Alert,
  Anchor,
  Avatar,
  Button,
  CopyButton,
  Group,
  Image,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { type Language, languageNames, languages } from '../../../i18n/languages';
import { ErrorState, LoadingState } from '../../../ui/states';
import { sameOriginPath } from '../../api-url';
import { sharedKeys } from '../../shared-api';
import type { ConversationVisibility, OrganizationSettings, OrganizationWithSeats } from '../../types';
import { ImageField } from '../../ui/ImageField';
import { adminApi, adminKeys } from './api';
import { PlanCard } from './PlanCard';

/** Organization settings (admins): identity and logo, time zone and language, public entry with its QR, guest timings. */
export function OrganizationSettingsPage() {
  const org = useQuery({ queryKey: adminKeys.organization, queryFn: adminApi.organization });
  if (org.isPending) return <LoadingState />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  return <SettingsForm key={org.data.id} org={org.data} />;
}

interface Fields {
  name: string;
  motto: string;
  timezone: string;
  language: Language;
  publicEntryEnabled: boolean;
  guestGraceHours: number;
  workReminderMinutes: number;
  retentionDays: number | null;
  conversationVisibility: ConversationVisibility;
  contactPhone: string;
  contactEmail: string;
}

const fieldsOf = (org: OrganizationWithSeats): Fields => ({
  name: org.name,
  motto: org.motto,
  timezone: org.timezone,
  language: org.language,
  publicEntryEnabled: org.publicEntryEnabled,
  guestGraceHours: org.guestGraceHours,
  workReminderMinutes: org.workReminderMinutes,
  retentionDays: org.retentionDays,
  conversationVisibility: org.conversationVisibility,
  contactPhone: org.contactPhone,
  contactEmail: org.contactEmail,
});

function SettingsForm({ org }: { org: OrganizationWithSeats }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(org));
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const timeZones = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zones.includes(org.timezone) ? zones : [org.timezone, ...zones];
  }, [org.timezone]);

  const saved = fieldsOf(org);
  const change: OrganizationSettings = {};
  if (fields.name.trim() !== saved.name) change.name = fields.name.trim();
  if (fields.motto.trim() !== saved.motto) change.motto = fields.motto.trim();
  if (fields.timezone !== saved.timezone) change.timezone = fields.timezone;
  if (fields.language !== saved.language) change.language = fields.language;
  if (fields.publicEntryEnabled !== saved.publicEntryEnabled) change.publicEntryEnabled = fields.publicEntryEnabled;
  if (fields.guestGraceHours !== saved.guestGraceHours) change.guestGraceHours = fields.guestGraceHours;
  if (fields.workReminderMinutes !== saved.workReminderMinutes) change.workReminderMinutes = fields.workReminderMinutes;
  if (fields.retentionDays !== saved.retentionDays) change.retentionDays = fields.retentionDays;
  if (fields.conversationVisibility !== saved.conversationVisibility)
    change.conversationVisibility = fields.conversationVisibility;
  if (fields.contactPhone.trim() !== saved.contactPhone) change.contactPhone = fields.contactPhone.trim();
  if (fields.contactEmail.trim() !== saved.contactEmail) change.contactEmail = fields.contactEmail.trim();
  const dirty = Object.keys(change).length > 0;

  const save = useMutation({
    mutationFn: () => adminApi.updateOrganization(change),
    onSuccess: (updated) => {
      queryClient.setQueryData(adminKeys.organization, updated);
      setFields(fieldsOf(updated));
      void queryClient.invalidateQueries({ queryKey: sharedKeys.me });
      void queryClient.invalidateQueries({ queryKey: adminKeys.publicEntry });
      notifications.show({ color: 'green', message: t('admin.org.saved') });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty && fields.name.trim()) save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('admin.org.identity')}
            </Title>
            <TextInput
              label={t('admin.org.name')}
              value={fields.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              required
              maxLength={120}
              error={!fields.name.trim() ? t('admin.org.nameRequired') : undefined}
            />
            <TextInput
              label={t('admin.org.motto')}
              value={fields.motto}
              onChange={(e) => set('motto', e.currentTarget.value)}
              maxLength={200}
            />
            <LogoField org={org} />
            <Select
              label={t('admin.org.timezone')}
              description={t('admin.org.timezoneHelp')}
              data={timeZones}
              value={fields.timezone}
              onChange={(v) => v && set('timezone', v)}
              searchable
              allowDeselect={false}
              limit={50}
            />
            <Select
              label={t('admin.org.language')}
              description={t('admin.org.languageHelp')}
              data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
              value={fields.language}
              onChange={(v) => v && set('language', v as Language)}
              allowDeselect={false}
            />
            <ContactFields
              phone={fields.contactPhone}
              email={fields.contactEmail}
              onPhone={(v) => set('contactPhone', v)}
              onEmail={(v) => set('contactEmail', v)}
            />
          </Stack>
        </Paper>
        <Stack gap="lg">
          <PlanCard org={org} />
          <Paper withBorder p="lg" radius="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('admin.org.guests')}
              </Title>
              <NumberInput
                label={t('admin.org.graceHours')}
                description={t('admin.org.graceHelp')}
                value={fields.guestGraceHours}
                onChange={(v) => set('guestGraceHours', typeof v === 'number' ? v : Number(v) || 0)}
                min={0}
                max={720}
                allowDecimal={false}
                suffix=" h"
              />
              <NumberInput
                label={t('admin.org.reopenMinutes')}
                description={t('admin.org.reopenReadOnly')}
                value={org.reopenMinutes}
                readOnly
                variant="filled"
                suffix=" min"
              />
              <NumberInput
                label={t('admin.org.workReminderMinutes')}
                description={t('admin.org.workReminderHelp')}
                value={fields.workReminderMinutes}
                onChange={(v) => set('workReminderMinutes', typeof v === 'number' ? v : Number(v) || 0)}
                min={0}
                max={10080}
                allowDecimal={false}
                suffix=" min"
              />
              <NumberInput
                label={t('admin.org.retentionDays')}
                description={t('admin.org.retentionHelp')}
                value={fields.retentionDays ?? ''}
                onChange={(v) => set('retentionDays', v === '' ? null : Number(v) || null)}
                min={1}
                max={3650}
                allowDecimal={false}
              />
            </Stack>
          </Paper>
          <Paper withBorder p="lg" radius="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('admin.org.conversations')}
              </Title>
              <Radio.Group
                label={t('admin.org.visibility')}
                description={t('admin.org.visibilityHelp')}
                value={fields.conversationVisibility}
                onChange={(v) => set('conversationVisibility', v === 'team' ? 'team' : 'all')}
              >
                <Stack gap="xs" mt="xs">
                  <Radio value="all" label={t('admin.org.visibilityOptions.all')} />
                  <Radio value="team" label={t('admin.org.visibilityOptions.team')} />
                </Stack>
              </Radio.Group>
            </Stack>
          </Paper>
          <PublicEntryPanel
            enabled={fields.publicEntryEnabled}
            savedEnabled={org.publicEntryEnabled}
            onToggle={(on) => set('publicEntryEnabled', on)}
          />
        </Stack>
      </SimpleGrid>
      {save.error ? (
        <Alert color="red" role="alert" mt="md">
          {errorMessage(save.error, {
            name: t('admin.org.name'),
            motto: t('admin.org.motto'),
            timezone: t('admin.org.timezone'),
            language: t('admin.org.language'),
            guestGraceHours: t('admin.org.graceHours'),
            reopenMinutes: t('admin.org.reopenMinutes'),
            workReminderMinutes: t('admin.org.workReminderMinutes'),
            retentionDays: t('admin.org.retentionDays'),
            conversationVisibility: t('admin.org.visibility'),
            logoUrl: t('admin.org.logo'),
            contactPhone: t('admin.org.contactPhone'),
            contactEmail: t('admin.org.contactEmail'),
          })}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="md">
        <Button variant="default" disabled={!dirty} onClick={() => setFields(fieldsOf(org))}>
          {t('admin.org.discard')}
        </Button>
        <Button type="submit" loading={save.isPending} disabled={!dirty || !fields.name.trim()}>
          {t('shared.save')}
        </Button>
      </Group>
    </form>
  );
}

/** How guests and customers reach the organization another way (a blank label shows these). */
function ContactFields(props: {
  phone: string;
  email: string;
  onPhone: (value: string) => void;
  onEmail: (value: string) => void;
}) {
  const { t } = useTranslation('staff');
  return (
    <>
      <Text fw={600} size="sm" mt="xs">
        {t('admin.org.contact')}
      </Text>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('admin.org.contactHelp')}
      </Text>
      <TextInput
        label={t('admin.org.contactPhone')}
        type="tel"
        value={props.phone}
        onChange={(e) => props.onPhone(e.currentTarget.value)}
        maxLength={40}
      />
      <TextInput
        label={t('admin.org.contactEmail')}
        type="email"
        value={props.email}
        onChange={(e) => props.onEmail(e.currentTarget.value)}
        maxLength={254}
      />
    </>
  );
}

/** The logo is saved as soon as it is picked (or removed), apart from the form's other fields. */
function LogoField({ org }: { org: OrganizationWithSeats }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const saved = (updated: OrganizationWithSeats) => {
    queryClient.setQueryData(adminKeys.organization, updated);
    void queryClient.invalidateQueries({ queryKey: sharedKeys.me });
  };
  return (
    <ImageField
      label={t('admin.org.logo')}
      help={t('admin.org.logoHelp')}
      current={org.logoUrl}
      upload={async (file) => saved(await adminApi.uploadLogo(file))}
      remove={async () => saved(await adminApi.removeLogo())}
      preview={(src) =>
        src ? (
          <Image
            src={src}
            alt={t('admin.org.logoAlt', { name: org.name })}
            w={64}
            h={64}
            fit="contain"
            radius="sm"
            style={{ flex: 'none' }}
          />
        ) : (
          <Avatar size={64} radius="sm" color="blue" role="img" aria-label={t('admin.org.noLogo')}>
            {org.name.trim().charAt(0).toUpperCase()}
          </Avatar>
        )
      }
    />
  );
}

function PublicEntryPanel({
  enabled,
  savedEnabled,
  onToggle,
}: {
  enabled: boolean;
  savedEnabled: boolean;
  onToggle: (on: boolean) => void;
}) {
  const { t } = useTranslation('staff');
  const entry = useQuery({ queryKey: adminKeys.publicEntry, queryFn: adminApi.publicEntry });
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('admin.org.publicEntry')}
        </Title>
        <Switch
          label={t('admin.org.publicEntrySwitch')}
          description={t('admin.org.publicEntryHelp')}
          checked={enabled}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        {entry.isError ? (
          <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />
        ) : entry.data && savedEnabled ? (
          <Group align="flex-start" wrap="nowrap">
            <Image
              src={sameOriginPath(entry.data.qrSvgUrl)}
              alt={t('admin.org.publicQrAlt')}
              w={120}
              h={120}
              fit="contain"
              style={{ flex: 'none' }}
            />
            <Stack gap={6} style={{ minWidth: 0 }}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {entry.data.url}
              </Text>
              <Group gap="xs">
                <CopyButton value={entry.data.url}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="default" onClick={copy}>
                      {copied ? t('shared.copied') : t('shared.copy')}
                    </Button>
                  )}
                </CopyButton>
                <Anchor size="sm" href={sameOriginPath(entry.data.qrPngUrl)} download="public-entry-qr.png">
                  {t('admin.org.downloadPng')}
                </Anchor>
              </Group>
            </Stack>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {enabled && !savedEnabled ? t('admin.org.publicEntrySaveFirst') : t('admin.org.publicEntryOff')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
