import { Avatar, Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import { formatDateTime } from '../../format';
import type { Conversation, InboxTab, Message, Priority } from '../../types';
import { ConversationTags } from '../../ui/tags/ConversationTags';
import { useStaffList } from '../../useStaffList';
import { inboxApi } from './api';
import { Composer } from './Composer';
import { ConversationWork } from './ConversationWork';
import { CreateTaskModal } from './CreateTaskModal';
import { GuestRating } from './GuestRating';
import { HandoverNote } from './HandoverNote';
import { MergedNotice } from './MergedNotice';
import { MergeModal } from './MergeModal';
import { ScheduledList } from './ScheduledMessages';
import { Thread } from './Thread';
import { TranscriptMenu } from './TranscriptMenu';
import { TransferModal } from './TransferModal';
import { TaskStartContext } from './task-start';

interface Props {
  conversationId: string;
  /** The conversation moved to another tab because of what this staff member did (took it). */
  onMoved: (tab: InboxTab) => void;
  /** Opens another conversation (the one a merge kept). */
  onOpen: (conversationId: string) => void;
}

/** The open conversation: who and where, Take / Transfer / Resolve, the live thread and the composer. */
export function ConversationPane({ conversationId, onMoved, onOpen }: Props) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const store = useDeskStore();
  const desk = useDesk();
  const me = useCurrentUser();
  const staff = useStaffList();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<'take' | 'resolve' | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [merging, setMerging] = useState(false);
  // the task dialog: closed (undefined), from the conversation (null) or from one message
  const [tasking, setTasking] = useState<Message | null | undefined>(undefined);

  useEffect(() => {
    store?.openThread(conversationId);
    // colleagues see who has it open; closing the pane (or another request) says goodbye
    store?.setViewing(conversationId);
    return () => store?.setViewing(null);
  }, [store, conversationId]);

  const conversation = desk?.conversations.get(conversationId);
  const thread = desk?.threads.get(conversationId);
  // the server's rule (conversation policy), told through the abilities: admins act on any
  // request, the assignee on theirs, and anyone at the desk may close one nobody took
  const { abilities } = me;
  const mine = conversation?.assignee?.id === me.id;
  const canTake = conversation?.status === 'queued';
  const live = !!conversation && conversation.status !== 'resolved';
  const canResolve = live && (abilities.resolveAnyConversation || mine || (canTake && abilities.inbox));
  // transfer: admins any request, the assignee theirs, anyone at the desk one nobody took
  const canTransfer = live && (abilities.assignAnyConversation || mine || (canTake && abilities.inbox));
  // merging (a guest's requests, from their stay; a customer's or visitor's requests): admins any;
  // the desk what nobody else holds
  const canMerge =
    (!!conversation?.stay || conversation?.contact.kind === 'visitor') &&
    abilities.inbox &&
    (abilities.assignAnyConversation || !conversation.assignee || mine || conversation.status === 'resolved');
  const wasMerged = !!thread?.messages.some((m) => m.event === 'merged');
  // the desk (admins and agents) plans work items: the same people who work the inbox
  // tasks need a plan that includes them (the dispatch ability says so for the desk)
  const canTask = abilities.inbox && abilities.dispatch && !!conversation;

  const failed = (err: unknown) => {
    const code = (err as { code?: string }).code;
    if (code === 'already_taken') {
      store?.refresh(conversationId);
      const holderId = (err as { details?: { assigneeId?: string | null } }).details?.assigneeId;
      const holder = staff.data?.find((s) => s.id === holderId);
      notifications.show({
        color: 'orange',
        title: t('inbox.alreadyTakenTitle'),
        message: holder ? t('inbox.alreadyTakenBy', { name: holder.name }) : errorMessage(err),
      });
      return;
    }
    notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorMessage(err) });
  };

  const run = (action: 'take' | 'resolve', work: () => Promise<Conversation>, then?: () => void) => {
    if (!store || busy) return;
    setBusy(action);
    work()
      .then(() => then?.())
      .catch(failed)
      .finally(() => setBusy(null));
  };
  const take = () =>
    store &&
    canTake &&
    run(
      'take',
      () => store.take(conversationId),
      () => onMoved('mine'),
    );
  const resolve = () => store && canResolve && run('resolve', () => store.resolve(conversationId));
  useHotkeys(
    [
      ['alt+T', take],
      ['alt+R', resolve],
      ['alt+H', () => canTransfer && setTransferring(true)],
      ['alt+K', () => canTask && setTasking(null)],
    ],
    [],
  );

  if (!conversation) {
    return (
      <section className="fd-pane">
        {thread?.state === 'error' ? <ErrorState error={thread.error} /> : <LoadingState />}
      </section>
    );
  }

  const name =
    conversation.contact.name ?? (conversation.contact.kind === 'visitor' ? t('inbox.visitor') : t('inbox.guest'));

  return (
    <section className="fd-pane" aria-label={t('inbox.conversationWith', { name })}>
      <header className="fd-pane-header">
        {/* who and where keep their room; the buttons wrap onto a second row when they run out of it */}
        <div style={{ minWidth: '14rem', flex: '1 1 0' }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={700} size="lg" truncate>
              {conversation.stay ? t('inbox.roomName', { room: conversation.stay.roomNumber, name }) : name}
            </Text>
            {conversation.contact.vip ? (
              <Badge color="yellow" size="sm">
                VIP
              </Badge>
            ) : null}
            <Badge
              size="sm"
              variant="light"
              color={conversation.status === 'queued' ? 'red' : conversation.status === 'open' ? 'blue' : 'gray'}
            >
              {t(`status.${conversation.status}`)}
            </Badge>
          </Group>
          <Group gap={6} wrap="nowrap">
            {conversation.assignee?.photoUrl ? (
              <Avatar src={conversation.assignee.photoUrl} alt="" size={18} radius="xl" />
            ) : null}
            <Text size="xs" c="dimmed" truncate>
              {conversation.assignee
                ? t('inbox.assignedTo', {
                    name: conversation.assignee.id === me.id ? t('inbox.you') : conversation.assignee.name,
                  })
                : t('inbox.unassigned')}
              {' · '}
              {t('inbox.since', {
                time: formatDateTime(conversation.createdAt, i18n.language, me.organization?.timezone),
              })}
            </Text>
          </Group>
          <ConversationTags conversation={conversation} />
          <RoutedTo conversation={conversation} />
          <AssignedHow conversation={conversation} />
        </div>
        <Group gap="xs" justify="flex-end">
          {conversation.priority && conversation.status !== 'resolved' ? (
            <PriorityMenu conversation={conversation} />
          ) : null}
          {canTake ? (
            <Tooltip label="Alt+T">
              <Button size="sm" onClick={take} loading={busy === 'take'}>
                {t('inbox.take')}
              </Button>
            </Tooltip>
          ) : null}
          {canTransfer ? (
            <Tooltip label={t('inbox.transferDialog.shortcut')}>
              <Button size="sm" variant="default" onClick={() => setTransferring(true)} aria-keyshortcuts="Alt+H">
                {t('inbox.transfer')}
              </Button>
            </Tooltip>
          ) : null}
          {canTask ? (
            <Tooltip label={t('tasks.shortcut')}>
              <Button size="sm" variant="default" onClick={() => setTasking(null)} aria-keyshortcuts="Alt+K">
                {t('tasks.action')}
              </Button>
            </Tooltip>
          ) : null}
          <TranscriptMenu conversation={conversation} />
          {canMerge ? (
            <Button size="sm" variant="subtle" onClick={() => setMerging(true)}>
              {t('merge.action')}
            </Button>
          ) : null}
          {canResolve ? (
            <Tooltip label="Alt+R">
              <Button size="sm" color="green" variant="light" onClick={resolve} loading={busy === 'resolve'}>
                {t('inbox.resolve')}
              </Button>
            </Tooltip>
          ) : null}
        </Group>
      </header>
      <CollisionLine conversationId={conversation.id} />
      <HandoverNote conversation={conversation} />
      <MergedNotice conversation={conversation} merged={wasMerged} />
      {conversation.status === 'resolved' && conversation.rating !== null ? (
        <div className="fd-pane-rating">
          <GuestRating conversation={conversation} />
        </div>
      ) : null}
      {abilities.myWork ? <ConversationWork conversation={conversation} /> : null}
      <TaskStartContext.Provider value={canTask ? setTasking : null}>
        <Thread conversation={conversation} />
      </TaskStartContext.Provider>
      <ScheduledList conversation={conversation} />
      <Composer conversation={conversation} />
      {transferring ? <TransferModal conversation={conversation} onClose={() => setTransferring(false)} /> : null}
      {tasking !== undefined ? (
        <CreateTaskModal
          conversation={conversation}
          messages={thread?.messages ?? []}
          message={tasking}
          onClose={() => setTasking(undefined)}
        />
      ) : null}
      {merging ? <MergeModal conversation={conversation} onClose={() => setMerging(false)} onMerged={onOpen} /> : null}
    </section>
  );
}

/** The team the request went to and, in plain words, why. */
function RoutedTo({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const routed = conversation.routedBy;
  if (!routed && !conversation.team) return null;
  const why = routed?.ruleName
    ? t('inbox.routedByRule', { rule: routed.ruleName })
    : conversation.team
      ? t('inbox.routedToDefault')
      : t('inbox.routedNowhere');
  // the rule's matches in the reader's language; a request routed before they were kept shows the server's words
  const matched = routed?.because?.map((fact) => t(`inbox.routingFacts.${fact.kind}`, { ...fact })).join(', ');
  const raised = routed?.raisedBy ? `; ${t(`inbox.raisedBy.${routed.raisedBy}`)}` : '';
  const detail = matched
    ? `${t('inbox.routedBecause', { rule: why, facts: matched })}${raised}`
    : routed?.ruleId
      ? routed.reason
      : `${why}${raised}`;
  return (
    <Tooltip label={detail} multiline maw={360}>
      <Text size="xs" c="dimmed" truncate>
        {conversation.team ? t('inbox.team', { team: conversation.team.name }) : t('inbox.noTeam')}
        {routed ? ` · ${why}` : ''}
      </Text>
    </Tooltip>
  );
}

/** How the request came to its assignee when it did not take it itself: handed over, or given automatically and why. */
function AssignedHow({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const how = conversation.assignedBy;
  if (!how || !conversation.assignee) return null;
  const line =
    how.how === 'automatic' && how.mode
      ? t('inbox.assignedHow.automatic', {
          mode: t(`inbox.modes.${how.mode}`),
          name: conversation.assignee.name,
          load: how.load ?? 0,
          capacity: how.capacity ?? 0,
        })
      : t('inbox.assignedHow.handed_over', { by: how.byName ?? '' });
  return (
    <Text size="xs" c="dimmed" truncate>
      {line}
    </Text>
  );
}

/** Most urgent first, as the queue sorts them. */
const priorities: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Shows the request's priority and lets the desk change it; the queue re-sorts when the change comes back. */
function PriorityMenu({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const current = conversation.priority ?? 'normal';
  const choose = (priority: Priority) => {
    if (priority === current || busy) return;
    setBusy(true);
    inboxApi
      .setPriority(conversation.id, priority)
      .then((next) => store?.applyConversation(next))
      .catch((err) => notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorMessage(err) }))
      .finally(() => setBusy(false));
  };
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Button size="sm" variant="default" loading={busy} aria-label={t('inbox.setPriority')}>
          {t('inbox.priorityOf', { priority: t(`inbox.priorities.${current}`) })}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {priorities.map((p) => (
          <Menu.Item key={p} onClick={() => choose(p)} fw={p === current ? 700 : undefined}>
            {t(`inbox.priorities.${p}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * "Anna is viewing" / "Anna is typing a reply…": colleagues at this request right now, so two of
 * them do not answer the same guest at once. Staff only: the guest is never told who looks.
 */
function CollisionLine({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('staff');
  const desk = useDesk();
  const typing = (desk?.typing.get(conversationId) ?? []).filter((p) => p.type === 'staff');
  const typingKeys = new Set(typing.map((p) => p.key));
  const viewing = (desk?.viewing.get(conversationId) ?? []).filter((p) => !typingKeys.has(p.key));
  const names = (people: readonly { name: string | null }[]) =>
    people.map((p) => p.name ?? t('inbox.colleague')).join(', ');
  return (
    <div className="fd-collision" role="status" aria-live="polite">
      {typing.length ? <Text size="sm">{t('collision.typing', { names: names(typing) })}</Text> : null}
      {viewing.length ? <Text size="sm">{t('collision.viewing', { names: names(viewing) })}</Text> : null}
    </div>
  );
}
