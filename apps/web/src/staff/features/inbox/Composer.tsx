import { Button, Group, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmojiButton } from '../../../chat/EmojiButton';
import { measureMessage } from '../../../chat/message-length';
import { useDeskStore } from '../../desk/desk-context';
import type { Conversation } from '../../types';
import { ScheduleButton } from './ScheduledMessages';

/** Unsent text per conversation, so switching between guests keeps what was being written. */
const drafts = new Map<string, string>();

/** The reply box: Enter sends, Shift+Enter breaks the line; typing is shown to the guest. */
export function Composer({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const [text, setText] = useState(() => drafts.get(conversation.id) ?? '');
  const input = useRef<HTMLTextAreaElement>(null);
  const { length, max, empty, tooLong } = measureMessage(text);

  useEffect(() => {
    input.current?.focus();
    return () => store?.setTyping(conversation.id, false);
  }, [store, conversation.id]);

  const change = (value: string) => {
    setText(value);
    drafts.set(conversation.id, value);
    store?.setTyping(conversation.id, value.trim().length > 0);
  };

  const send = () => {
    const measured = measureMessage(text);
    if (!store || measured.empty || measured.tooLong) return;
    store.send(conversation.id, text.trim());
    setText('');
    drafts.delete(conversation.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="fd-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Textarea
        ref={input}
        aria-label={t('composer.label')}
        placeholder={
          conversation.status === 'queued'
            ? t('composer.placeholderQueued')
            : conversation.status === 'resolved'
              ? t('composer.placeholderResolved')
              : t('composer.placeholder')
        }
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => store?.setTyping(conversation.id, false)}
        autosize
        minRows={2}
        maxRows={8}
        error={tooLong ? t('composer.tooLong', { max }) : undefined}
      />
      <Group justify="space-between" mt={6} wrap="nowrap">
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'}>
          {t('composer.hint')} · {t('composer.counter', { length, max })}
        </Text>
        <Group gap={6} wrap="nowrap">
          <EmojiButton input={input} onInsert={change} className="fd-composer-emoji" />
          <ScheduleButton conversation={conversation} text={text} onScheduled={() => change('')} />
          <Button type="submit" size="sm" disabled={empty || tooLong}>
            {t('composer.send')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
