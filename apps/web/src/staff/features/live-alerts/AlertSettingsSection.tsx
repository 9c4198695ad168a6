import { MAX_ALERT_COOLDOWN_MINUTES, MAX_ALERT_WORDS, type UpdateAlertSettingsRequest } from '@frontdesk/protocol';
import {
  Button,
  CloseButton,
  Group,
  NumberInput,
  Paper,
  Pill,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { languageNames, languages } from '../../../i18n/languages';
import { SettingsSection } from '../../ui/SettingsSection';
import { type AlertSettings, alertsApi, alertsKeys } from './api';

/** `/app/admin/alerts` (admins): the rating threshold, the mood alerts, the cool-down and the word list. */
export function AlertSettingsSection() {
  const { t } = useTranslation('staff');
  const settings = useQuery({ queryKey: alertsKeys.settings, queryFn: alertsApi.settings });
  return (
    <SettingsSection query={settings} title={t('liveAlerts.settings.title')} intro={t('liveAlerts.settings.intro')}>
      {(data) => <SettingsForm settings={data} />}
    </SettingsSection>
  );
}

function SettingsForm({ settings }: { settings: AlertSettings }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [threshold, setThreshold] = useState<number | string>(settings.ratingThreshold);
  const [cooldown, setCooldown] = useState<number | string>(settings.cooldownMinutes);
  const [word, setWord] = useState('');
  const save = useMutation({
    mutationFn: (body: UpdateAlertSettingsRequest) => alertsApi.updateSettings(body),
    onSuccess: (next) => {
      client.setQueryData(alertsKeys.settings, next);
      notifications.show({ message: t('liveAlerts.settings.saved') });
    },
    onError: (err) => {
      const details = (err as { details?: { max?: number } }).details;
      const code = (err as { code?: string }).code;
      notifications.show({
        color: 'red',
        message:
          code === 'conflict' && details?.max
            ? t('liveAlerts.settings.tooMany', { max: details.max })
            : errorMessage(err),
      });
    },
  });
  const saveNumbers = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ratingThreshold: Number(threshold), cooldownMinutes: Number(cooldown) });
  };
  const addWord = (e: FormEvent) => {
    e.preventDefault();
    if (!word.trim()) return;
    save.mutate({ addWords: [word.trim()] }, { onSuccess: () => setWord('') });
  };
  return (
    <>
      <Paper withBorder p="md" radius="md">
        <form onSubmit={saveNumbers}>
          <Stack gap="sm">
            <NumberInput
              label={t('liveAlerts.settings.ratingThreshold')}
              description={t('liveAlerts.settings.ratingThresholdHelp')}
              min={0}
              max={5}
              value={threshold}
              onChange={setThreshold}
              maw={260}
            />
            <NumberInput
              label={t('liveAlerts.settings.cooldown')}
              description={t('liveAlerts.settings.cooldownHelp')}
              min={1}
              max={MAX_ALERT_COOLDOWN_MINUTES}
              value={cooldown}
              onChange={setCooldown}
              maw={260}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('shared.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Switch
          label={t('liveAlerts.settings.sentiment')}
          description={t('liveAlerts.settings.sentimentHelp')}
          checked={settings.sentiment}
          onChange={(e) => save.mutate({ sentiment: e.currentTarget.checked })}
        />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <div>
            <Title order={3} size="h4">
              {t('liveAlerts.settings.words')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('liveAlerts.settings.wordsHelp')}
            </Text>
          </div>
          <form onSubmit={addWord}>
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('liveAlerts.settings.addWord')}
                value={word}
                maxLength={60}
                onChange={(e) => setWord(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit" variant="light" disabled={!word.trim()}>
                {t('liveAlerts.settings.add')}
              </Button>
            </Group>
          </form>
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('liveAlerts.settings.count', { count: settings.words.length, max: MAX_ALERT_WORDS })}
          </Text>
          {settings.words.length ? (
            <ul
              aria-label={t('liveAlerts.settings.words')}
              style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}
            >
              {settings.words.map((w) => (
                <li key={w}>
                  <Pill size="md">
                    <Group gap={2} wrap="nowrap">
                      {w}
                      <CloseButton
                        size="xs"
                        aria-label={t('liveAlerts.settings.removeWord', { word: w })}
                        onClick={() => save.mutate({ removeWords: [w] })}
                      />
                    </Group>
                  </Pill>
                </li>
              ))}
            </ul>
          ) : (
            <Text size="sm">{t('liveAlerts.settings.noWords')}</Text>
          )}
          <Group gap="xs">
            {languages.map((language) => (
              <Button
                key={language}
                variant="default"
                size="xs"
                onClick={() => save.mutate({ addDefaultsFor: [language] })}
              >
                {t('liveAlerts.settings.addDefaults', { language: languageNames[language] })}
              </Button>
            ))}
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
