import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tagsApi, tagsKeys } from '../../ui/tags/api';
import { TagChip } from '../../ui/tags/TagChip';

/** The choice that shows every request (no tag filter). */
const ALL = 'all';

/** The square of a tag's colour, beside its name in the filter. */
function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: color, flex: 'none' }}
    />
  );
}

/** Shows only the requests carrying one tag (its counts too): a plain list of the tags with their colours. */
export function TagFilter({ value, onChange }: { value: string | null; onChange: (tagId: string | null) => void }) {
  const { t } = useTranslation('staff');
  const tags = useQuery({ queryKey: tagsKeys.list, queryFn: tagsApi.list });
  const all = tags.data ?? [];
  if (!all.length && !value) return null;
  const chosen = all.find((tag) => tag.id === value);
  return (
    <Select
      size="xs"
      label={t('inbox.tagFilter.label')}
      value={value ?? ALL}
      onChange={(next) => onChange(next && next !== ALL ? next : null)}
      allowDeselect={false}
      data={[
        { value: ALL, label: t('inbox.tagFilter.all') },
        ...all.map((tag) => ({ value: tag.id, label: tag.name })),
      ]}
      leftSection={chosen ? <Swatch color={chosen.color} /> : undefined}
      renderOption={({ option }) => {
        const tag = all.find((one) => one.id === option.value);
        return tag ? <TagChip tag={tag} /> : option.label;
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
