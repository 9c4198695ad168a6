import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDeskStore } from '../../desk/desk-context';
import type { Conversation } from '../../types';

/** What a history line shows of a conversation besides its notes: a change of these reloads it. */
const shown = (c: Conversation) => JSON.stringify([c.status, c.rating, c.tags?.map((t) => t.id) ?? null]);

/**
 * Keeps a contact's history live: it loads again when one of its conversations is resolved,
 * reopened, rated or tagged, or gets a note — by this desk or a colleague, over the desk's socket.
 */
export function useLiveHistory(queryKey: QueryKey, conversationIds: readonly string[] | undefined): void {
  const store = useDeskStore();
  const queryClient = useQueryClient();
  const ids = conversationIds?.join(' ') ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's parts are in `ids` and the key's own string
  useEffect(() => {
    if (!store || !ids) return;
    const listed = new Set(ids.split(' '));
    const reload = () => void queryClient.invalidateQueries({ queryKey });
    const offChange = store.onConversationChange((next, prev) => {
      if (listed.has(next.id) && (!prev || shown(next) !== shown(prev))) reload();
    });
    const offNote = store.onNote((note) => {
      if (listed.has(note.conversationId)) reload();
    });
    return () => {
      offChange();
      offNote();
    };
  }, [store, queryClient, ids, JSON.stringify(queryKey)]);
}
