import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../types';
import { stayTranscriptPath, transcriptPath } from './download-paths';

/**
 * "Download transcript": this request, or every request of the guest's stay (for a guest who asks
 * for their history), as PDF or plain text. Times on the organization's clock; internal notes left out.
 */
export function TranscriptMenu({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const item = (href: string, label: string) => (
    <Menu.Item component="a" href={href} download>
      {label}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Button size="sm" variant="subtle">
          {t('inbox.transcript.action')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {item(transcriptPath(conversation.id, 'pdf'), t('inbox.transcript.pdf'))}
        {item(transcriptPath(conversation.id, 'txt'), t('inbox.transcript.text'))}
        {conversation.stay ? (
          <>
            {item(stayTranscriptPath(conversation.stay.id, 'pdf'), t('inbox.transcript.stayPdf'))}
            {item(stayTranscriptPath(conversation.stay.id, 'txt'), t('inbox.transcript.stayText'))}
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
