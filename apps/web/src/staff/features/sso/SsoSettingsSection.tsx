import { ssoSignUpRoles, type UpdateSsoSettingsRequest } from '@frontdesk/protocol';
import { Button, CopyButton, Group, Paper, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { SettingsSection } from '../../ui/SettingsSection';
import { useRoleName } from '../../useRoleName';
import { type SsoSettings, ssoApi, ssoKeys } from './api';

/** `/app/admin/sso` (admins): the organization's OpenID Connect provider and who may sign in through it. */
export function SsoSettingsSection() {
  const { t } = useTranslation('staff');
  const settings = useQuery({ queryKey: ssoKeys.settings, queryFn: ssoApi.settings });
  return (
    <SettingsSection query={settings} title={t('sso.title')} intro={t('sso.intro')}>
      {(data) => <SsoForm settings={data} />}
    </SettingsSection>
  );
}

function SsoForm({ settings }: { settings: SsoSettings }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const roleName = useRoleName();
  const client = useQueryClient();
  const [issuer, setIssuer] = useState(settings.issuer ?? '');
  const [clientId, setClientId] = useState(settings.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [enabled, setEnabled] = useState(settings.enabled);
  const [allowSignUp, setAllowSignUp] = useState(settings.allowSignUp);
  const [signUpRole, setSignUpRole] = useState(settings.signUpRole);
  const [passwordOff, setPasswordOff] = useState(settings.passwordSignInDisabled);
  const save = useMutation({
    mutationFn: (body: UpdateSsoSettingsRequest) => ssoApi.update(body),
    onSuccess: (next) => {
      client.setQueryData(ssoKeys.settings, next);
      setClientSecret('');
      notifications.show({ message: t('sso.saved') });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      ...(issuer.trim() && { issuer: issuer.trim() }),
      ...(clientId.trim() && { clientId: clientId.trim() }),
      ...(clientSecret && { clientSecret }),
      enabled,
      allowSignUp,
      signUpRole,
      passwordSignInDisabled: passwordOff,
    });
  };
  return (
    <>
      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('sso.redirectUri')} value={settings.redirectUri} readOnly style={{ flex: 1 }} />
          <CopyButton value={settings.redirectUri}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? t('sso.copied') : t('sso.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <form onSubmit={onSubmit}>
          <Stack gap="sm">
            <TextInput
              label={t('sso.issuer')}
              description={t('sso.issuerHelp')}
              type="url"
              value={issuer}
              maxLength={2048}
              onChange={(e) => setIssuer(e.currentTarget.value)}
            />
            <TextInput
              label={t('sso.clientId')}
              value={clientId}
              maxLength={300}
              onChange={(e) => setClientId(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('sso.clientSecret')}
              description={settings.clientSecretSet ? t('sso.clientSecretSet') : t('sso.clientSecretNone')}
              autoComplete="off"
              value={clientSecret}
              maxLength={1000}
              onChange={(e) => setClientSecret(e.currentTarget.value)}
            />
            <Switch label={t('sso.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
            <Switch
              label={t('sso.allowSignUp')}
              description={t('sso.allowSignUpHelp')}
              checked={allowSignUp}
              onChange={(e) => setAllowSignUp(e.currentTarget.checked)}
            />
            <Select
              label={t('sso.signUpRole')}
              data={ssoSignUpRoles.map((role) => ({ value: role, label: roleName(role) }))}
              value={signUpRole}
              onChange={(value) => value && setSignUpRole(value as typeof signUpRole)}
              allowDeselect={false}
              maw={260}
            />
            <Switch
              label={t('sso.passwordOff')}
              description={t('sso.passwordOffHelp')}
              checked={passwordOff}
              onChange={(e) => setPasswordOff(e.currentTarget.checked)}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('sso.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
