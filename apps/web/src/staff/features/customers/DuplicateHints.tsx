import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateHint } from '../../types';

/** "Maybe the same person: Ewa Lis — same phone", each a link to that customer. Nothing when there are none. */
export function DuplicateHints({ hints }: { hints: readonly DuplicateHint[] }) {
  const { t } = useTranslation('staff');
  if (!hints.length) return null;
  return (
    <Alert color="yellow" title={t('customers.duplicatesTitle')} role="status">
      <Text size="sm" mb={4}>
        {t('customers.duplicatesHelp')}
      </Text>
      <List size="sm" spacing={4}>
        {hints.map((h) => {
          const why =
            h.matched.length === 2
              ? t('customers.samePhoneAndEmail')
              : h.matched[0] === 'email'
                ? t('customers.sameEmail')
                : t('customers.samePhone');
          const name = h.companyName && h.companyName !== h.name ? `${h.name} (${h.companyName})` : h.name;
          return (
            <List.Item key={h.id}>
              <Anchor component={Link} to={`/app/customers/${h.id}`} fw={600} c="dark">
                {t('customers.sameAs', { name, why })}
              </Anchor>
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

/** Every hint once, in the order they came. */
export function mergeHints(lists: readonly (readonly DuplicateHint[] | undefined)[]): DuplicateHint[] {
  const byId = new Map<string, DuplicateHint>();
  for (const list of lists)
    for (const hint of list ?? []) {
      const seen = byId.get(hint.id);
      byId.set(hint.id, seen ? { ...seen, matched: [...new Set([...seen.matched, ...hint.matched])] } : hint);
    }
  return [...byId.values()];
}
