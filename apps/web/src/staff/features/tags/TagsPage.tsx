import type { Tag } from '@frontdesk/protocol';
import { Button, ColorInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { tagsApi, tagsKeys } from '../../ui/tags/api';
import { TagChip } from '../../ui/tags/TagChip';

/** `/app/tags`: the organization's tags; admins add, recolour and remove them. */
export function TagsPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const admin = user.role === 'admin';
  const list = useQuery({ queryKey: tagsKeys.list, queryFn: tagsApi.list });
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 760 }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {t('tags.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('tags.intro')}
            </Text>
          </div>
          {admin ? <AddTag /> : null}
          {list.data?.length ? (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tags.name')}</Table.Th>
                  <Table.Th>{t('tags.conversations')}</Table.Th>
                  {admin ? <Table.Th>{t('tags.color')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((tag) => (
                  <TagRow key={tag.id} tag={tag} admin={admin} />
                ))}
              </Table.Tbody>
            </Table>
          ) : list.isSuccess ? (
            <Text c="dimmed">{t('tags.empty')}</Text>
          ) : null}
        </Stack>
      </div>
    </div>
  );
}

function AddTag() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [color, setColor] = useState('#1565c0');
  const create = useMutation({
    mutationFn: () => tagsApi.create({ name, color }),
    onSuccess: () => {
      setName('');
      notifications.show({ message: t('tags.saved') });
      return client.invalidateQueries({ queryKey: tagsKeys.list });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput label={t('tags.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <ColorInput
          label={t('tags.color')}
          value={color}
          onChange={setColor}
          format="hex"
          eyeDropperButtonProps={{ 'aria-label': t('tags.pickColor') }}
        />
        <div>
          <Text size="sm" mb={4}>
            {t('tags.preview')}
          </Text>
          <TagChip tag={{ id: 'preview', name: name || t('tags.name'), color }} />
        </div>
        <Button type="submit" loading={create.isPending}>
          {t('tags.add')}
        </Button>
      </Group>
    </form>
  );
}

function TagRow({ tag, admin }: { tag: Tag; admin: boolean }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: tagsKeys.list });
  const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) });
  const recolour = useMutation({
    mutationFn: (color: string) => tagsApi.update(tag.id, { color }),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: () => tagsApi.remove(tag.id),
    onSuccess: () => {
      notifications.show({ message: t('tags.removed') });
      return refresh();
    },
    onError,
  });
  return (
    <Table.Tr>
      <Table.Td>
        <TagChip tag={tag} />
      </Table.Td>
      <Table.Td>{tag.conversations}</Table.Td>
      {admin ? (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <ColorInput
              aria-label={`${t('tags.color')}: ${tag.name}`}
              defaultValue={tag.color}
              format="hex"
              eyeDropperButtonProps={{ 'aria-label': t('tags.pickColor') }}
              onChangeEnd={(color) => recolour.mutate(color)}
              w={130}
            />
            <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('tags.remove', { name: tag.name })}
            </Button>
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
