import type { Attachment, CannedResponse } from '@frontdesk/protocol';
import { attachmentAccept } from '@frontdesk/protocol';
import { Button, Group, SegmentedControl, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachButton, ChosenFiles, LeftOutFiles } from '../../../chat/Attachments';
import { EmojiButton } from '../../../chat/EmojiButton';
import { fitFiles } from '../../../chat/file-limits';
import { measureMessage } from '../../../chat/message-length';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { useDeskStore } from '../../desk/desk-context';
import { sharedApi, sharedKeys } from '../../shared-api';
import type { Conversation } from '../../types';
import { StoredFiles } from '../../ui/StoredFiles';
import { useStaffList } from '../../useStaffList';
import { inboxApi } from './api';
import { addCannedFiles } from './canned-files';
import { ScheduleButton } from './ScheduledMessages';

type Mode = 'reply' | 'note';

/** Unsent text per conversation and mode, so switching between guests keeps what was being written. */
const drafts = new Map<string, string>();
const draftKey = (conversationId: string, mode: Mode) => `${conversationId}:${mode}`;

/** `/words` at the very start of the box: the canned responses search. */
const cannedQuery = (text: string) => (/^\/[^\n]*$/.test(text) ? text.slice(1) : null);
/** `@words` right before the caret (a name may have one space): the colleague being mentioned. */
const mentionQuery = (text: string, caret: number) =>
  /(?:^|\s)@([\p{L}\p{N}_.'-]*(?: [\p{L}\p{N}_.'-]*)?)$/u.exec(text.slice(0, caret))?.[1] ?? null;

interface Suggestion {
  key: string;
  title: string;
  detail: string;
  choose: () => void;
}

/**
 * The reply box, or an internal note (yellow; only the desk sees it, `@Name` tells a colleague).
 * Enter sends, Shift+Enter breaks the line; typing a reply is shown to the guest. `/` at the start
 * searches the canned responses; arrows and Enter insert one, filled in, for editing; Esc closes.
 */
export function Composer({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState(() => drafts.get(draftKey(conversation.id, 'reply')) ?? '');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  // a canned response's files, copied on the server as this agent's uploads: sent by id as they are
  const [ready, setReady] = useState<Attachment[]>([]);
  // the server's limits on a message's files (sent with the session): chosen files are fitted to them
  const limits = me.attachmentLimits;
  const [leftOut, setLeftOut] = useState<ReturnType<typeof fitFiles>['leftOut']>([]);
  const addFiles = (chosen: File[]) => {
    const fitted = fitFiles(files, chosen, limits, ready);
    setFiles(fitted.files);
    setLeftOut(fitted.leftOut);
  };
  const input = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const { length, max, empty, tooLong } = measureMessage(text);
  const note = mode === 'note';

  useEffect(() => {
    input.current?.focus();
    return () => store?.setTyping(conversation.id, false);
  }, [store, conversation.id]);

  const canned = cannedQuery(text);
  const cannedOpen = canned !== null && dismissed !== text;
  const cannedResults = useQuery({
    queryKey: [...sharedKeys.canned, 'search', conversation.id, canned ?? ''],
    queryFn: ({ signal }) => sharedApi.cannedFor(conversation.id, canned ?? '', signal),
    enabled: cannedOpen,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const mention = note ? mentionQuery(text, caret) : null;
  const staff = useStaffList(note);
  const mentionOpen = mention !== null && dismissed !== text;

  const replaceText = (value: string, caretAt = value.length) => {
    setText(value);
    drafts.set(draftKey(conversation.id, mode), value);
    setActive(0);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(caretAt, caretAt);
      setCaret(caretAt);
    });
  };

  const suggestions: Suggestion[] = cannedOpen
    ? (cannedResults.data ?? []).map((c: CannedResponse) => ({
        key: c.id,
        title: `/${c.shortcut} · ${c.title}${c.attachments.length ? ` · 📎 ${t('canned.files', { count: c.attachments.length })}` : ''}`,
        detail: c.filled ?? c.text,
        choose: () => {
          replaceText(c.filled ?? c.text);
          if (c.attachments.length) attachCannedFiles(c);
        },
      }))
    : mentionOpen
      ? (staff.data ?? [])
          .filter((s) => s.handlesConversations && s.id !== me.id)
          .filter((s) => s.name.toLocaleLowerCase().includes((mention ?? '').toLocaleLowerCase()))
          .slice(0, 8)
          .map((s) => ({
            key: s.id,
            title: s.name,
            detail: t(`roles.${s.role}`),
            choose: () => {
              const start = caret - (mention ?? '').length - 1;
              const inserted = `@${s.name} `;
              replaceText(`${text.slice(0, start)}${inserted}${text.slice(caret)}`, start + inserted.length);
            },
          }))
      : [];
  const open = (cannedOpen || mentionOpen) && (suggestions.length > 0 || (cannedOpen && cannedResults.isFetched));
  const current = Math.min(active, Math.max(suggestions.length - 1, 0));

  /** Copies the response's files as this agent's uploads and adds them to the reply (a reply only). */
  const attachCannedFiles = (c: CannedResponse) => {
    if (note) return;
    inboxApi.copyCannedFiles(c.id).then(
      (copies) => {
        setReady((current) => {
          const added = addCannedFiles(current, copies, files.length, limits.maxPerMessage);
          if (added.left) {
            notifications.show({
              color: 'yellow',
              message: t('canned.filesLeftOut', { count: added.left, max: limits.maxPerMessage }),
            });
          }
          return added.ready;
        });
      },
      (err) => notifications.show({ color: 'red', title: t('canned.filesFailed'), message: errorMessage(err) }),
    );
  };

  const change = (value: string, caretAt: number) => {
    setText(value);
    setCaret(caretAt);
    setActive(0);
    drafts.set(draftKey(conversation.id, mode), value);
    // a note, or a `/` search, is nothing the guest should see being typed
    if (!note) store?.setTyping(conversation.id, value.trim().length > 0 && cannedQuery(value) === null);
  };

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    store?.setTyping(conversation.id, false);
    setMode(next);
    const draft = drafts.get(draftKey(conversation.id, next)) ?? '';
    setText(draft);
    setCaret(draft.length);
    input.current?.focus();
  };

  const send = () => {
    const measured = measureMessage(text);
    const withFiles = !note && (files.length > 0 || ready.length > 0);
    if (!store || (measured.empty && !withFiles) || measured.tooLong || saving) return;
    if (note) {
      setSaving(true);
      store
        .writeNote(conversation.id, text.trim())
        .then(() => {
          setText('');
          drafts.delete(draftKey(conversation.id, 'note'));
        })
        .catch((err) => notifications.show({ color: 'red', title: t('notes.failed'), message: errorMessage(err) }))
        .finally(() => setSaving(false));
      return;
    }
    store.send(conversation.id, text.trim(), files, ready);
    setText('');
    setFiles([]);
    setReady([]);
    setLeftOut([]);
    drafts.delete(draftKey(conversation.id, 'reply'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && suggestions.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        suggestions[current]?.choose();
        return;
      }
    }
    if (open && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(text);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const placeholder = note
    ? t('notes.placeholder')
    : conversation.status === 'queued'
      ? t('composer.placeholderQueued')
      : conversation.status === 'resolved'
        ? t('composer.placeholderResolved')
        : t('composer.placeholder');

  return (
    <form
      className="fd-composer"
      data-mode={mode}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (!note && event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (note || !event.dataTransfer.files.length) return;
        event.preventDefault();
        addFiles([...event.dataTransfer.files]);
      }}
      onPaste={(event) => {
        if (note || !event.clipboardData.files.length) return;
        event.preventDefault();
        addFiles([...event.clipboardData.files]);
      }}
    >
      <Group justify="space-between" mb={6} wrap="nowrap">
        <SegmentedControl
          size="xs"
          aria-label={t('notes.mode')}
          value={mode}
          onChange={(value) => switchMode(value as Mode)}
          data={[
            { value: 'reply', label: t('notes.reply') },
            { value: 'note', label: t('notes.note') },
          ]}
        />
        {note ? <span className="fd-composer-note-label">{t('notes.label')}</span> : null}
      </Group>
      <div className="fd-composer-picker">
        {open ? (
          <div
            className="fd-suggestions"
            id={listId}
            role="listbox"
            aria-label={cannedOpen ? t('canned.searchLabel') : t('notes.mentionSuggestions')}
          >
            {suggestions.length ? (
              suggestions.map((s, i) => (
                <div
                  key={s.key}
                  tabIndex={-1}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === current}
                  className="fd-suggestion"
                  // keep the focus in the box: a mouse choice must not blur it first
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => s.choose()}
                  onKeyDown={() => undefined}
                >
                  <div className="fd-suggestion-title">{s.title}</div>
                  <div className="fd-suggestion-text">{s.detail}</div>
                </div>
              ))
            ) : (
              <div className="fd-suggestion" role="option" tabIndex={-1} aria-selected={false} aria-disabled="true">
                {t('canned.noMatch', { q: canned ?? '' })}
              </div>
            )}
          </div>
        ) : null}
        <Textarea
          ref={input}
          aria-label={note ? t('notes.label') : t('composer.label')}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open && suggestions.length ? `${listId}-${current}` : undefined}
          aria-autocomplete="list"
          placeholder={placeholder}
          value={text}
          onChange={(e) =>
            change(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)
          }
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onBlur={() => store?.setTyping(conversation.id, false)}
          autosize
          minRows={2}
          maxRows={8}
          error={tooLong ? t('composer.tooLong', { max }) : undefined}
        />
      </div>
      {note ? null : <StoredFiles files={ready} label={t('canned.filesChosen')} onChange={setReady} />}
      {note ? null : <ChosenFiles files={files} onChange={setFiles} />}
      {note ? null : <LeftOutFiles leftOut={leftOut} limits={limits} />}
      <Group justify="space-between" mt={6} wrap="nowrap">
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'}>
          {open ? t('canned.pickerHint') : note ? t('notes.hint') : t('composer.hint')} ·{' '}
          {t('composer.counter', { length, max })}
        </Text>
        <Group gap={6} wrap="nowrap">
          {note ? null : (
            <AttachButton
              onAdd={addFiles}
              full={files.length + ready.length >= limits.maxPerMessage}
              accept={attachmentAccept}
            />
          )}
          <EmojiButton input={input} onInsert={(value) => change(value, value.length)} className="fd-composer-emoji" />
          {note ? null : <ScheduleButton conversation={conversation} text={text} onScheduled={() => change('', 0)} />}
          <Button
            type="submit"
            size="sm"
            disabled={(empty && (note || (!files.length && !ready.length))) || tooLong}
            loading={saving}
            color={note ? 'yellow' : undefined}
          >
            {note ? t('notes.save') : t('composer.send')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
