import { Anchor, Button, Popover, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../types';
import { stayTranscriptPath, transcriptPath } from './download-paths';

/**
 * "Download transcript": this request, or every request of the guest's stay (for a guest who asks
 * for their history), as PDF or plain text. Times on the organization's clock; internal notes left out.
 * A button that shows a short list of plain download links (not a Mantine Menu: an open menu holds a
 * role=presentation child that axe flags, and these are links, not commands). Escape closes it, on
 * the button or in the list (focus then returns to the button).
 */
export function TranscriptMenu({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const [opened, setOpened] = useState(false);
  const link = (href: string, label: string) => (
    <li>
      <Anchor href={href} download size="sm" onClick={() => setOpened(false)}>
        {label}
      </Anchor>
    </li>
  );
  return (
    <Popover position="bottom-end" shadow="md" opened={opened} onChange={setOpened} withinPortal={false} returnFocus>
      <Popover.Target>
        <Button
          size="sm"
          variant="subtle"
          aria-expanded={opened}
          onClick={() => setOpened((o) => !o)}
          // the links stay beside the focused button; Escape puts them away (inside them Popover does)
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpened(false);
          }}
        >
          {t('inbox.transcript.action')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('inbox.transcript.action')} p="xs">
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {link(transcriptPath(conversation.id, 'pdf'), t('inbox.transcript.pdf'))}
          {link(transcriptPath(conversation.id, 'txt'), t('inbox.transcript.text'))}
          {conversation.stay ? (
            <>
              {link(stayTranscriptPath(conversation.stay.id, 'pdf'), t('inbox.transcript.stayPdf'))}
              {link(stayTranscriptPath(conversation.stay.id, 'txt'), t('inbox.transcript.stayText'))}
            </>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
