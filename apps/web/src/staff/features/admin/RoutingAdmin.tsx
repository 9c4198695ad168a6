import { Badge, Button, Group, Menu, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { sharedApi, sharedKeys } from '../../shared-api';
import type { Room, Routing, RoutingRule } from '../../types';
import { RowMenu } from '../../ui/RowMenu';
import { adminApi, adminKeys } from './api';
import { RemoveRuleModal, RuleModal } from './RoutingModals';

type Dialog = { kind: 'newRule' } | { kind: 'editRule'; rule: RoutingRule } | { kind: 'removeRule'; rule: RoutingRule };

/**
 * Where new requests go (admins): the rules in the order they are tried — the first that matches
 * sends the request to its team — and the default team for the rest.
 */
export function RoutingAdmin() {
  const { t } = useTranslation('staff');
  const routing = useQuery({ queryKey: adminKeys.routing, queryFn: adminApi.routing });
  const teams = useQuery({ queryKey: adminKeys.teams, queryFn: adminApi.teams });
  // only a hotel has rooms (a service company's admin may not list them)
  const hasRooms = useCurrentUser().abilities.stays;
  const rooms = useQuery({ queryKey: sharedKeys.rooms, queryFn: sharedApi.rooms, enabled: hasRooms });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('admin.routing.intro')}
        </Text>
        <Button onClick={() => setDialog({ kind: 'newRule' })} disabled={!teamOptions.length}>
          {t('admin.routing.add')}
        </Button>
      </Group>
      {routing.isPending ? (
        <LoadingState />
      ) : routing.isError ? (
        <ErrorState error={routing.error} onRetry={() => void routing.refetch()} />
      ) : (
        <RulesAndDefault routing={routing.data} teams={teamOptions} rooms={rooms.data ?? []} open={setDialog} />
      )}
      {dialog?.kind === 'newRule' || dialog?.kind === 'editRule' ? (
        <RuleModal
          rule={dialog.kind === 'editRule' ? dialog.rule : undefined}
          teams={teamOptions}
          rooms={rooms.data ?? []}
          hasRooms={hasRooms}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === 'removeRule' ? <RemoveRuleModal rule={dialog.rule} onClose={close} /> : null}
    </Stack>
  );
}

/** The rules in order, each movable up and down, and the default team picker. */
function RulesAndDefault({
  routing,
  teams,
  rooms,
  open,
}: {
  routing: Routing;
  teams: { value: string; label: string }[];
  rooms: Room[];
  open: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const changed = (next: Routing) => queryClient.setQueryData(adminKeys.routing, next);
  const failed = (err: unknown) =>
    notifications.show({ color: 'red', title: t('admin.routing.failed'), message: errorMessage(err) });
  const reorder = useMutation({ mutationFn: adminApi.reorderRoutingRules, onSuccess: changed, onError: failed });
  const setDefault = useMutation({ mutationFn: adminApi.setDefaultTeam, onSuccess: changed, onError: failed });
  const { rules } = routing;

  /** Moves a rule one place up (-1) or down (+1). */
  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    reorder.mutate(ids);
  };

  return (
    <Stack gap="sm">
      {rules.length ? (
        <Stack
          component="ol"
          gap="sm"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          aria-label={t('admin.routing.rules')}
        >
          {rules.map((rule, index) => (
            <li key={rule.id}>
              <RuleCard
                rule={rule}
                rooms={rooms}
                first={index === 0}
                last={index === rules.length - 1}
                busy={reorder.isPending}
                onMove={(by) => move(index, by)}
                onEdit={() => open({ kind: 'editRule', rule })}
                onRemove={() => open({ kind: 'removeRule', rule })}
              />
            </li>
          ))}
        </Stack>
      ) : (
        <EmptyState title={t('admin.routing.empty')}>{t('admin.routing.emptyBody')}</EmptyState>
      )}
      <Paper withBorder p="md" radius="md">
        <Select
          label={t('admin.routing.defaultTeam')}
          description={t('admin.routing.defaultTeamHelp')}
          placeholder={t('admin.routing.noDefaultTeam')}
          data={teams}
          value={routing.defaultTeam?.id ?? null}
          onChange={(teamId) => setDefault.mutate(teamId)}
          clearable
          disabled={setDefault.isPending}
          maw={360}
        />
      </Paper>
    </Stack>
  );
}

/** One rule: its place, name, conditions in plain words, team and priority, with its actions. */
function RuleCard({
  rule,
  rooms,
  first,
  last,
  busy,
  onMove,
  onEdit,
  onRemove,
}: {
  rule: RoutingRule;
  rooms: Room[];
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('staff');
  const c = rule.conditions;
  const roomNumbers = c.roomIds.map((id) => rooms.find((r) => r.id === id)?.number ?? '?');
  const when = [
    c.entry !== 'any' ? t(`admin.routing.entries.${c.entry}`) : null,
    roomNumbers.length ? t('admin.routing.whenRooms', { rooms: roomNumbers.join(', ') }) : null,
    c.priorityRoomsOnly ? t('admin.routing.whenPriorityRooms') : null,
    c.openHoursOnly ? t('admin.routing.whenTeamOpen', { team: rule.team.name }) : null,
    c.languages.length ? t('admin.routing.whenLanguages', { languages: c.languages.join(', ') }) : null,
    c.keywords.length
      ? t('admin.routing.whenKeywords', { keywords: c.keywords.map((k) => `“${k}”`).join(', ') })
      : null,
  ].filter(Boolean);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={rule.name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge variant="light" color="gray" radius="sm">
              {rule.position}
            </Badge>
            <Text fw={600}>{rule.name}</Text>
          </Group>
          <Text size="sm" mt={4}>
            {when.length ? when.join(t('admin.routing.and')) : t('admin.routing.always')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('admin.routing.sendsTo', { team: rule.team.name })}
            {rule.priority
              ? ` · ${t('admin.routing.withPriority', { priority: t(`inbox.priorities.${rule.priority}`) })}`
              : ''}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            disabled={first || busy}
            onClick={() => onMove(-1)}
            aria-label={t('admin.routing.moveUp', { rule: rule.name })}
          >
            ↑
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            disabled={last || busy}
            onClick={() => onMove(1)}
            aria-label={t('admin.routing.moveDown', { rule: rule.name })}
          >
            ↓
          </Button>
          <RowMenu name={rule.name}>
            <Menu.Item onClick={onEdit}>{t('admin.routing.edit')}</Menu.Item>
            <Menu.Item color="red" onClick={onRemove}>
              {t('admin.routing.remove')}
            </Menu.Item>
          </RowMenu>
        </Group>
      </Group>
    </Paper>
  );
}
