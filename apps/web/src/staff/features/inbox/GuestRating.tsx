import { Group, Rating, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../types';

interface Props {
  conversation: Pick<Conversation, 'rating' | 'ratingComment'>;
  /** One line for a card in the list; the whole comment in the conversation pane. */
  compact?: boolean;
}

/** The guest's stars and comment for a resolved request, where staff look: the list card and the pane. */
export function GuestRating({ conversation: c, compact = false }: Props) {
  const { t } = useTranslation('staff');
  if (c.rating === null) return null;
  return (
    <div className="fd-guest-rating">
      <Group gap={6} wrap="nowrap">
        {compact ? null : (
          <Text size="sm" fw={600}>
            {t('inbox.guestRating')}
          </Text>
        )}
        <Rating
          value={c.rating}
          readOnly
          size={compact ? 'xs' : 'sm'}
          role="img"
          aria-label={t('ratings.stars', { count: c.rating })}
        />
      </Group>
      {c.ratingComment ? (
        <Text size={compact ? 'xs' : 'sm'} fs="italic" c="dimmed" lineClamp={compact ? 1 : undefined}>
          “{c.ratingComment}”
        </Text>
      ) : null}
    </div>
  );
}
