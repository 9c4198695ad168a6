import type { Attachment, CannedResponse, CannedScope } from '@frontdesk/protocol';
import { attachmentAccept } from '@frontdesk/protocol';
import { uploadAttachment } from '@frontdesk/sdk';
import { Button, Group, Menu, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LeftOutFiles } from '../../../chat/Attachments';
import { fitFiles } from '../../../chat/file-limits';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { sharedKeys } from '../../shared-api';
import { FormModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { RowMenu } from '../../ui/RowMenu';
import { StoredFiles } from '../../ui/StoredFiles';
import { cannedApi, cannedKeys } from './api';

const VARIABLES = '{{guest.name}}, {{room}}, {{agent.name}}, {{org.name}}';
const variantLanguages = ['en', 'pl', 'de'] as const;

/** `/app/canned-responses`: the desk's shared canned responses (admins change them) and one's own. */
export function CannedPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 960 }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {t('canned.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('canned.intro', { variables: VARIABLES })}
            </Text>
          </div>
          <CannedSection scope="shared" canAdd={user.role === 'admin'} />
          <CannedSection scope="personal" canAdd />
        </Stack>
      </div>
    </div>
  );
}

function CannedSection({ scope, canAdd }: { scope: CannedScope; canAdd: boolean }) {
  const { t } = useTranslation('staff');
  const list = useQuery({ queryKey: cannedKeys.list(scope), queryFn: () => cannedApi.list(scope) });
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const title = scope === 'shared' ? t('canned.shared') : t('canned.personal');
  return (
    <section aria-labelledby={`canned-${scope}`}>
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={2} size="h4" id={`canned-${scope}`}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {scope === 'shared' ? t('canned.sharedHelp') : t('canned.personalHelp')}
          </Text>
        </div>
        {canAdd ? (
          <Button onClick={() => setEditing('new')}>
            {scope === 'shared' ? t('canned.addShared') : t('canned.addPersonal')}
          </Button>
        ) : null}
      </Group>
      <QueryBlock query={list} empty={<Text c="dimmed">{t('canned.empty')}</Text>}>
        {(rows) => (
          <DataTable label={title} columns={[t('canned.shortcut'), t('canned.titleField'), t('canned.text')]}>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <code>/{c.shortcut}</code>
                </Table.Td>
                <Table.Td>
                  {c.title}
                  {c.attachments.length ? (
                    <Text size="xs" c="dimmed">
                      📎 {c.attachments.map((a) => a.name).join(', ')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {c.text}
                  </Text>
                </Table.Td>
                <Table.Td>{c.canEdit ? <CannedActions canned={c} onEdit={() => setEditing(c)} /> : null}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {editing ? (
        <CannedModal scope={scope} canned={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

function CannedActions({ canned, onEdit }: { canned: CannedResponse; onEdit: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const remove = useMutation({
    mutationFn: () => cannedApi.remove(canned.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.canned });
      notifications.show({ color: 'green', message: t('canned.removed') });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <RowMenu name={canned.title}>
      <Menu.Item onClick={onEdit}>{t('canned.edit', { title: canned.title })}</Menu.Item>
      <Menu.Item color="red" onClick={() => remove.mutate()}>
        {t('canned.remove', { title: canned.title })}
      </Menu.Item>
    </RowMenu>
  );
}

function CannedModal({
  scope,
  canned,
  onClose,
}: {
  scope: CannedScope;
  canned: CannedResponse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [shortcut, setShortcut] = useState(canned?.shortcut ?? '');
  const [title, setTitle] = useState(canned?.title ?? '');
  const [text, setText] = useState(canned?.text ?? '');
  const [variants, setVariants] = useState<Record<string, string>>(canned?.variants ?? {});
  const [files, setFiles] = useState<Attachment[]>(canned?.attachments ?? []);
  const save = useMutation({
    mutationFn: () => {
      const filled = Object.fromEntries(Object.entries(variants).filter(([, v]) => v.trim()));
      const body = {
        shortcut: shortcut.replace(/^\//, ''),
        title,
        text,
        variants: filled,
        attachmentIds: files.map((f) => f.id),
      };
      return canned ? cannedApi.update(canned.id, body) : cannedApi.create({ ...body, scope });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.canned });
      notifications.show({ color: 'green', message: t('canned.saved') });
      onClose();
    },
  });
  const ready = !!shortcut.trim() && !!title.trim() && !!text.trim();
  return (
    <FormModal
      title={
        canned
          ? t('canned.edit', { title: canned.title })
          : scope === 'shared'
            ? t('canned.addShared')
            : t('canned.addPersonal')
      }
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('shared.save')}
      pending={save.isPending}
      error={save.error}
      errorLabels={{ shortcut: t('canned.shortcut'), title: t('canned.titleField'), text: t('canned.text') }}
      ready={ready}
      size="lg"
    >
      <TextInput
        label={t('canned.shortcut')}
        description={t('canned.shortcutHelp')}
        leftSection="/"
        value={shortcut}
        onChange={(e) => setShortcut(e.currentTarget.value)}
        required
        data-autofocus
      />
      <TextInput
        label={t('canned.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('canned.text')}
        description={t('canned.textHelp', { variables: VARIABLES })}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={3}
        required
      />
      <CannedFiles files={files} onChange={setFiles} />
      {variantLanguages.map((language) => {
        const name = t(`canned.languages.${language}`);
        return (
          <Textarea
            key={language}
            label={t('canned.variant', { language: name })}
            description={t('canned.variantHelp', { language: name })}
            value={variants[language] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setVariants((v) => ({ ...v, [language]: value }));
            }}
            autosize
            minRows={2}
          />
        );
      })}
    </FormModal>
  );
}

/**
 * The response's files in the form: each chosen file is uploaded at once (the same upload a reply's
 * files take) and saved with the response; removing one here lets it go when the form is saved.
 */
function CannedFiles({ files, onChange }: { files: Attachment[]; onChange: (files: Attachment[]) => void }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  // the response's files go out as one message: the server's limits on one (sent with the session)
  const limits = useCurrentUser().attachmentLimits;
  const [leftOut, setLeftOut] = useState<ReturnType<typeof fitFiles>['leftOut']>([]);
  const add = async (chosen: File[]) => {
    const fitted = fitFiles([], chosen, limits, files);
    setLeftOut(fitted.leftOut);
    setUploading(true);
    const added: Attachment[] = [];
    try {
      for (const file of fitted.files) {
        added.push(await uploadAttachment(file, { url: '/api/v1/attachments' }));
      }
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    } finally {
      onChange([...files, ...added]);
      setUploading(false);
    }
  };
  return (
    <div>
      <Text size="sm" fw={500}>
        {t('canned.filesField')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('canned.filesHelp', { max: limits.maxPerMessage })}
      </Text>
      <StoredFiles files={files} label={t('canned.filesField')} onChange={onChange} />
      <Button
        variant="default"
        size="xs"
        loading={uploading}
        disabled={files.length >= limits.maxPerMessage}
        onClick={() => input.current?.click()}
      >
        {t('canned.addFiles')}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={attachmentAccept}
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (chosen.length) void add(chosen);
        }}
      />
      <LeftOutFiles leftOut={leftOut} limits={limits} />
    </div>
  );
}
