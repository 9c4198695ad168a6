import { Badge, Button, CopyButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languageNames } from '../../../i18n/languages';
import { sameOriginPath } from '../../api-url';
import type { Stay } from '../../types';

type GuestAccess = Stay['guests'][number];

/** A guest's way in: the access code, the QR to scan, and the printable welcome card. */
export function GuestAccessCard({ guest, room }: { guest: GuestAccess; room: string }) {
  const { t } = useTranslation('staff');
  // groups of four, as on the welcome card: easier to read aloud and to type
  const code = guest.code.match(/.{1,4}/g)?.join(' ') ?? guest.code;
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Image
          src={sameOriginPath(guest.qrSvgUrl)}
          alt={t('stays.qrAlt', { room })}
          w={132}
          h={132}
          fit="contain"
          style={{ flex: 'none', background: 'white' }}
        />
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={600}>{guest.name ?? t('inbox.guest')}</Text>
            {guest.vip ? (
              <Badge size="xs" color="yellow">
                VIP
              </Badge>
            ) : null}
            {guest.language ? (
              <Badge size="xs" variant="light" color="gray">
                {languageNames[guest.language]}
              </Badge>
            ) : null}
            {guest.summaryOptIn ? (
              <Badge size="xs" variant="light" color="teal" title={t('stays.summaryOptInHelp')}>
                {t('stays.summaryOptIn')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {t('stays.accessCode')}
          </Text>
          <Text ff="monospace" fz={22} fw={700} lts={1} aria-label={guest.code.split('').join(' ')}>
            {code}
          </Text>
          <Group gap="xs">
            <Button size="xs" component="a" href={sameOriginPath(guest.welcomeCardUrl)} target="_blank" rel="noopener">
              {t('stays.printCard')}
            </Button>
            <CopyButton value={guest.url}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? t('shared.copied') : t('stays.copyLink')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
