import { planIncludes, plans } from '@frontdesk/protocol';
import { NumberInput, Radio, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../i18n/error-message';
import { type Language, languageNames, languages } from '../../../i18n/languages';
import type { OrganizationKind, PlanName, PlatformOrganization, SetPasswordLink } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { platformApi, platformKeys } from './api';

const planNames = Object.keys(plans) as PlanName[];

/** Each plan with its seats and what it includes, for a select: "Team · 25 seats · tasks". */
function usePlanOptions() {
  const { t } = useTranslation('staff');
  return planNames.map((p) => ({
    value: p,
    label: `${t(`plans.${p}`)} · ${t('platform.seats', { count: plans[p] })} · ${t(planIncludes(p, 'tasks') ? 'platform.withTasks' : 'platform.noTasks')}`,
  }));
}

/** "Hotel Aurora Kraków" → "hotel-aurora-krakow" */
function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/** Creates an organization with its first admin; the caller shows the admin's set-password link. */
export function CreateOrganizationModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (invite: SetPasswordLink, adminName: string) => void;
}) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('hotel');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [language, setLanguage] = useState<Language>('en');
  const [plan, setPlan] = useState<PlanName>('free');
  const [adminName, setAdminName] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const planOptions = usePlanOptions();
  const timeZones = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zones.includes(timezone) ? zones : [timezone, ...zones];
  }, [timezone]);
  const effectiveSlug = slugEdited ? slug : slugify(name);
  const slugValid = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(effectiveSlug) && effectiveSlug.length >= 2;
  const create = useMutation({
    mutationFn: () =>
      platformApi.createOrganization({
        name: name.trim(),
        slug: effectiveSlug,
        kind,
        timezone,
        language,
        plan,
        admin: { name: adminName.trim(), email: adminEmail.trim() },
      }),
    onSuccess: ({ invite, admin }) => {
      void queryClient.invalidateQueries({ queryKey: platformKeys.platform });
      onCreated(invite, admin.name);
    },
  });
  const ready = name.trim() && slugValid && adminName.trim() && adminEmail.trim();
  const invalid = useFieldErrors(create.error);
  const labels = {
    name: t('platform.name'),
    slug: t('platform.slug'),
    timezone: t('admin.org.timezone'),
    'admin.name': t('platform.adminName'),
    'admin.email': t('admin.staff.email'),
  };
  return (
    <FormModal
      title={t('platform.create')}
      size="lg"
      onClose={onClose}
      onSubmit={() => create.mutate()}
      submitLabel={t('platform.createSubmit')}
      pending={create.isPending}
      error={create.error}
      errorLabels={labels}
      ready={!!ready}
    >
      <Radio.Group label={t('platform.kind')} value={kind} onChange={(v) => setKind(v as OrganizationKind)}>
        <Stack gap="xs" mt={6}>
          {(['hotel', 'service'] as const).map((k) => (
            <Radio key={k} value={k} label={t(`platform.kinds.${k}`)} description={t(`platform.kindHelp.${k}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <SimpleGrid cols={2}>
        <TextInput
          label={t('platform.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
          error={invalid.name}
        />
        <TextInput
          label={t('platform.slug')}
          description={t('platform.slugHelp', { slug: effectiveSlug || '…' })}
          value={effectiveSlug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.currentTarget.value.toLowerCase());
          }}
          required
          error={effectiveSlug && !slugValid ? t('platform.slugInvalid') : invalid.slug}
        />
        <Select
          label={t('admin.org.timezone')}
          data={timeZones}
          value={timezone}
          onChange={(v) => v && setTimezone(v)}
          searchable
          allowDeselect={false}
          limit={50}
          description={t('platform.timezoneHelp')}
          error={invalid.timezone}
        />
        <Select
          label={t('admin.org.language')}
          data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
          value={language}
          onChange={(v) => v && setLanguage(v as Language)}
          allowDeselect={false}
        />
        <Select
          label={t('platform.plan')}
          data={planOptions}
          value={plan}
          onChange={(v) => v && setPlan(v as PlanName)}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Title order={3} size="h5" mt="xs">
        {t('platform.firstAdmin')}
      </Title>
      <SimpleGrid cols={2}>
        <TextInput
          label={t('platform.adminName')}
          value={adminName}
          onChange={(e) => setAdminName(e.currentTarget.value)}
          required
          error={invalid['admin.name']}
        />
        <TextInput
          label={t('admin.staff.email')}
          type="email"
          value={adminEmail}
          onChange={(e) => setAdminEmail(e.currentTarget.value)}
          required
          error={invalid['admin.email']}
        />
      </SimpleGrid>
    </FormModal>
  );
}

/** Changes an organization's plan and seat limit. */
export function PlanModal({ org, onClose }: { org: PlatformOrganization; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [plan, setPlan] = useState<PlanName>(org.plan);
  const planOptions = usePlanOptions();
  const [seatLimit, setSeatLimit] = useState<number>(org.seatLimit);
  const save = useMutation({
    mutationFn: () => platformApi.updatePlan(org.id, { plan, seatLimit }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: platformKeys.platform });
      notifications.show({ color: 'green', message: t('platform.planSaved', { name: org.name }) });
      onClose();
    },
  });
  return (
    <FormModal
      title={t('platform.planTitle', { name: org.name })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('shared.save')}
      pending={save.isPending}
      error={save.error}
    >
      <Select
        label={t('platform.plan')}
        data={planOptions}
        value={plan}
        onChange={(v) => {
          if (!v) return;
          setPlan(v as PlanName);
          setSeatLimit(plans[v as PlanName]);
        }}
        allowDeselect={false}
        data-autofocus
      />
      <NumberInput
        label={t('platform.seatLimit')}
        description={t('platform.seatLimitHelp', { active: org.activeStaffCount })}
        value={seatLimit}
        onChange={(v) => setSeatLimit(typeof v === 'number' ? v : Number(v) || 1)}
        min={1}
        max={100000}
        allowDecimal={false}
      />
    </FormModal>
  );
}
