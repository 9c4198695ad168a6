import type { ReactionNotice, ReactionSummary } from '@frontdesk/protocol';

/** The reactions a tap offers at once; the picker has the rest. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '🙏'] as const;

/**
 * A message's reactions after a live notice: the counts are the server's, each `mine` stays the
 * reader's own — it changes only for the emoji the reader themself just added or took back.
 */
export function applyReactionNotice(
  before: readonly ReactionSummary[],
  notice: Pick<ReactionNotice, 'emoji' | 'reacted' | 'counts'>,
  byMe: boolean,
): ReactionSummary[] {
  const mine = new Map(before.map((r) => [r.emoji, r.mine]));
  if (byMe) mine.set(notice.emoji, notice.reacted);
  return notice.counts.map(({ emoji, count }) => ({ emoji, count, mine: mine.get(emoji) ?? false }));
}
