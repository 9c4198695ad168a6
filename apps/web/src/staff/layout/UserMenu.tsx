import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Language, languageNames, languages } from '../../i18n/languages';
import { useCurrentUser, useSignOut } from '../auth/session';
import { useDesk } from '../desk/desk-context';
import { chooseLanguage } from '../language';
import { EndShiftModal } from './EndShiftModal';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** The signed-in person: account, the end of their shift (at the desk), language, sign out. */
export function UserMenu() {
  const { t, i18n } = useTranslation('staff');
  const user = useCurrentUser();
  const signOut = useSignOut();
  const desk = useDesk();
  const [endingShift, setEndingShift] = useState(false);
  return (
    <>
      <Menu position="bottom-end" shadow="md" width={220}>
        <Menu.Target>
          <UnstyledButton className="fd-focus" aria-label={t('userMenu.label', { name: user.name })}>
            <Avatar color="blue" radius="xl" size={34}>
              {initials(user.name)}
            </Avatar>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark" truncate>
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {user.email}
            </Text>
          </Menu.Label>
          <Menu.Item component={Link} to="/app/account">
            {t('nav.account')}
          </Menu.Item>
          {desk ? (
            <Menu.Item onClick={() => setEndingShift(true)} disabled={desk.connection !== 'online'}>
              {t('shift.end')}
            </Menu.Item>
          ) : null}
          <Menu.Divider />
          <Menu.Label>{t('userMenu.language')}</Menu.Label>
          {languages.map((language: Language) => (
            <Menu.Item
              key={language}
              onClick={() => chooseLanguage(language)}
              fw={i18n.language === language ? 600 : undefined}
              aria-current={i18n.language === language ? 'true' : undefined}
            >
              {languageNames[language]}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t('userMenu.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {endingShift ? <EndShiftModal onClose={() => setEndingShift(false)} /> : null}
    </>
  );
}
