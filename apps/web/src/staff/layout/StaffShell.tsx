import { AppShell, Badge, Group, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useCurrentUser, useSignOutOn401 } from '../auth/session';
import { beep, notify, soundPreference, unlockAudio } from '../desk/alerts';
import { DeskProvider, useDesk, useDeskStore } from '../desk/desk-context';
import { featureLiveParts, navFor } from '../features';
import { sharedKeys } from '../shared-api';
import { AlertControls } from './AlertControls';
import { ClockNote } from './ClockNote';
import { MentionsMenu } from './MentionsMenu';
import { PresenceControl } from './PresenceControl';
import './shell.css';
import { UserMenu } from './UserMenu';

/** The signed-in frame: a header with the pages the role may use, presence and alerts; the page below. */
export function StaffShell() {
  const user = useCurrentUser();
  const can = user.abilities;
  const signedOut = useSignOutOn401();
  const frame = (
    <AppShell header={{ height: 56 }} padding={0}>
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main className="fd-staff-main">
        {can.inbox ? <SearchHotkey /> : null}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
  if (!can.inbox) return frame;
  return (
    <DeskProvider userId={user.id}>
      <DeskSideEffects onSessionEnded={(code) => signedOut(code)} />
      {featureLiveParts.map(({ name, Live }) => (
        <Live key={name} />
      ))}
      {frame}
    </DeskProvider>
  );
}

/** `/` or Ctrl+K anywhere outside a text field opens the search. */
function SearchHotkey() {
  const navigate = useNavigate();
  useHotkeys([
    ['/', () => navigate('/app/search')],
    ['mod+K', () => navigate('/app/search')],
  ]);
  return null;
}

function Header() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const can = user.abilities;
  const desk = useDesk();
  const links = navFor(user).map((entry) => ({
    to: entry.to,
    label: t(entry.label),
    end: entry.end ?? false,
    badge: entry.queuedBadge ? desk?.counts?.queued : undefined,
    Badge: entry.Badge,
  }));
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Group gap="lg" wrap="nowrap" className="fd-header-start">
        <UnstyledButton component={NavLink} to={links[0]?.to ?? '/app'} className="fd-brand">
          <Text fw={700} c="blue.8">
            Frontdesk
          </Text>
          {user.organization ? (
            <Text size="sm" c="dimmed" truncate maw={180} className="fd-brand-org">
              {user.organization.name}
            </Text>
          ) : null}
        </UnstyledButton>
        <nav aria-label={t('nav.label')} className="fd-main-nav">
          <Group gap={4} wrap="nowrap">
            {links.map((link) => (
              <NavLink key={link.to} to={link.to} end={link.end} className="fd-nav-link">
                {link.label}
                {link.badge ? (
                  <Badge
                    size="sm"
                    color="red"
                    circle={link.badge < 10}
                    ml={6}
                    aria-label={t('nav.queuedBadge', { count: link.badge })}
                  >
                    {link.badge}
                  </Badge>
                ) : null}
                {link.Badge ? <link.Badge /> : null}
              </NavLink>
            ))}
          </Group>
        </nav>
      </Group>
      <Group gap="sm" wrap="nowrap">
        {desk && desk.connection !== 'online' ? (
          <Badge color={desk.connection === 'offline' ? 'orange' : 'gray'} variant="light" role="status">
            {desk.connection === 'offline' ? t('connection.offline') : t('connection.connecting')}
          </Badge>
        ) : null}
        <ClockNote />
        {can.inbox ? <PresenceControl /> : null}
        {can.inbox ? <MentionsMenu /> : null}
        {can.inbox ? <AlertControls /> : null}
        <UserMenu />
      </Group>
    </Group>
  );
}

/** Beeps, notifies and badges the tab title when a request joins the queue; reacts to a session ending. */
function DeskSideEffects({ onSessionEnded }: { onSessionEnded: (code: string) => void }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const desk = useDesk();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const queued = desk?.counts?.queued ?? 0;
  const ended = useRef(onSessionEnded);
  ended.current = onSessionEnded;

  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  useEffect(() => {
    document.title = queued ? `(${queued}) Frontdesk` : 'Frontdesk';
    return () => {
      document.title = 'Frontdesk';
    };
  }, [queued]);

  // each stay's live request count (stays page, guest panel): fetched again when a request of a
  // stay starts, resolves or reopens — the socket says so, nothing polls
  useEffect(() => {
    if (!store) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = store.onConversationChange((next, prev) => {
      if (!next.stay || (prev && prev.status === next.status)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: sharedKeys.stays }), 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [store, queryClient]);

  useEffect(() => {
    if (!store) return;
    const offQueued = store.onQueued(({ conversation, message }) => {
      if (soundPreference()) beep();
      const who = conversation.stay
        ? t('alerts.fromRoom', { room: conversation.stay.roomNumber })
        : t('alerts.fromVisitor', { name: conversation.contact.name ?? t('inbox.visitor') });
      const open = () => navigate(`/app?tab=queued&c=${conversation.id}`);
      const body = message.event ? conversation.preview : message.text;
      notify(t('alerts.newRequest'), `${who}: ${body}`, conversation.id, open);
      notifications.show({
        id: `queued-${conversation.id}`,
        title: `${t('alerts.newRequest')} · ${who}`,
        message: body,
        color: conversation.contact.vip || conversation.stay?.roomPriority ? 'yellow' : 'blue',
        autoClose: 6000,
        onClick: open,
        style: { cursor: 'pointer' },
      });
    });
    const offTrouble = store.onTrouble((trouble) => {
      const { notice } = trouble;
      const who = notice.roomNumber
        ? t('alerts.fromRoom', { room: notice.roomNumber })
        : t('alerts.fromVisitor', { name: notice.contactName ?? t('inbox.visitor') });
      const open = () => navigate(`/app?c=${notice.conversationId}`);
      if (soundPreference()) beep();
      const [title, message] =
        trouble.kind === 'escalation'
          ? [
              t('alerts.escalated', { team: trouble.notice.teamName }),
              t('alerts.escalatedBody', {
                who,
                minutes: trouble.notice.targetMinutes,
                reply: t(trouble.notice.kind === 'first_response' ? 'alerts.firstReply' : 'alerts.nextReply'),
                priority: t(`inbox.priorities.${trouble.notice.priority}`),
              }),
            ]
          : [t('alerts.urgent'), t('alerts.urgentBody', { who, team: notice.teamName ?? t('alerts.noTeam') })];
      notify(title, message, `${trouble.kind}-${notice.conversationId}`, open);
      notifications.show({
        id: `${trouble.kind}-${notice.conversationId}`,
        title,
        message,
        color: 'red',
        autoClose: 12_000,
        onClick: open,
        style: { cursor: 'pointer' },
      });
    });
    const offEnded = store.onSessionEnded((reason) => ended.current(reason.code));
    return () => {
      offQueued();
      offTrouble();
      offEnded();
    };
  }, [store, navigate, t]);
  return null;
}
