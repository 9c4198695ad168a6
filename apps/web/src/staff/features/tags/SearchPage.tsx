import type { SnippetPart } from '@frontdesk/protocol';
import { Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useTimeZone } from '../../auth/session';
import { tagsApi, tagsKeys } from '../../ui/tags/api';
import { TagChip } from '../../ui/tags/TagChip';
import { useStaffList } from '../../useStaffList';
import { useTeams } from '../../useTeams';
import { searchApi, searchRange } from './search-api';

/** A snippet's parts as text, the hits in <mark>: React escapes every part, nothing is HTML. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <Text size="sm">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </Text>
  );
}

/** `/app/search`: messages, guests, rooms and tags of the conversations the user sees. */
export function SearchPage() {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const teamId = params.get('team') ?? '';
  const assigneeId = params.get('assignee') ?? '';
  const tagId = params.get('tag') ?? '';
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const zone = useTimeZone() ?? 'UTC';
  const [typed, setTyped] = useState(q);
  const tags = useQuery({ queryKey: tagsKeys.list, queryFn: tagsApi.list });
  const teams = useTeams();
  const staff = useStaffList();
  const results = useQuery({
    queryKey: ['search', q, status, teamId, assigneeId, tagId, fromDay, toDay, zone],
    queryFn: () =>
      searchApi.search({
        q,
        status: status || undefined,
        teamId: teamId || undefined,
        assigneeId: assigneeId || undefined,
        tagId: tagId || undefined,
        ...searchRange({ from: fromDay, to: toDay }, zone),
      }),
    enabled: q.trim().length > 0,
  });
  const set = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set('q', typed.trim());
  };
  const data = results.data;
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 860 }}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('search.title')}
          </Title>
          <form onSubmit={submit} aria-label={t('search.title')}>
            <Group align="flex-end">
              <TextInput
                label={t('search.label')}
                description={t('search.hint')}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
                autoFocus
                type="search"
              />
              <Button type="submit">{t('search.submit')}</Button>
            </Group>
          </form>
          <Group>
            <Select
              label={t('search.status')}
              value={status || null}
              onChange={(v) => set('status', v)}
              clearable
              placeholder={t('search.any')}
              data={(['queued', 'open', 'resolved'] as const).map((s) => ({
                value: s,
                label: t(`search.statuses.${s}`),
              }))}
            />
            <Select
              label={t('search.team')}
              value={teamId || null}
              onChange={(v) => set('team', v)}
              clearable
              placeholder={t('search.any')}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            />
            <Select
              label={t('search.assignee')}
              value={assigneeId || null}
              onChange={(v) => set('assignee', v)}
              clearable
              searchable
              placeholder={t('search.any')}
              data={(staff.data ?? [])
                .filter((member) => member.handlesConversations)
                .map((member) => ({ value: member.id, label: member.name }))}
            />
            <Select
              label={t('search.tag')}
              value={tagId || null}
              onChange={(v) => set('tag', v)}
              clearable
              placeholder={t('search.any')}
              data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
            />
          </Group>
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('search.from')}
              value={fromDay}
              max={toDay || undefined}
              onChange={(e) => set('from', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('search.to')}
              value={toDay}
              min={fromDay || undefined}
              onChange={(e) => set('to', e.currentTarget.value)}
            />
            <Text size="sm" c="dimmed" pb={8}>
              {t('search.daysIn', { zone })}
            </Text>
          </Group>
          {data && !data.messages.length && !data.conversations.length ? (
            <Text c="dimmed">{t('search.none', { q })}</Text>
          ) : null}
          {data?.conversations.length ? (
            <section aria-labelledby="search-conversations">
              <Title order={2} size="h4" id="search-conversations">
                {t('search.conversations')}
              </Title>
              <ul className="fd-search-results">
                {data.conversations.map((c) => (
                  <li key={c.id}>
                    <Anchor component={Link} to={`/app?tab=${c.status}&c=${c.id}`}>
                      {c.contactName ?? '—'} {c.roomNumber ? `· ${c.roomNumber}` : ''}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {t(`search.matchedBy.${c.matched}`)} · {t(`search.statuses.${c.status}`)}
                    </Text>{' '}
                    {c.tags.map((tag) => (
                      <TagChip key={tag.id} tag={tag} />
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data?.messages.length ? (
            <section aria-labelledby="search-messages">
              <Title order={2} size="h4" id="search-messages">
                {t('search.messages')}
              </Title>
              <ul className="fd-search-results">
                {data.messages.map((m) => (
                  <li key={m.messageId}>
                    <Anchor
                      component={Link}
                      to={`/app?tab=${m.conversation.status}&c=${m.conversation.id}&m=${m.seq}`}
                      aria-label={t('search.open')}
                    >
                      {m.conversation.contactName ?? '—'}
                      {m.conversation.roomNumber ? ` · ${m.conversation.roomNumber}` : ''}
                    </Anchor>
                    <Snippet parts={m.snippet} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </Stack>
      </div>
    </div>
  );
}
