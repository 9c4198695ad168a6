import type { BulkAction } from '@frontdesk/protocol';
import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useState } from 'react';
import { useErrorMessage } from '../../../i18n/error-message';
import { inboxApi } from './api';
import { type BulkSummary, summarize } from './bulk-outcome';
import { keepShown, toggleSelection } from './selection';

/**
 * The requests picked for a bulk action, among those shown (one leaving the list leaves the
 * selection), and the action itself: the ones that could not be done stay selected.
 */
export function useBulkSelection(shown: readonly string[]) {
  const errorMessage = useErrorMessage();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const selected = useMemo(() => keepShown(picked, shown), [picked, shown]);

  const toggle = useCallback(
    (id: string, range: boolean) => {
      setPicked(toggleSelection(selected, shown, id, anchor, range));
      setAnchor(id);
    },
    [selected, shown, anchor],
  );
  const toggleAll = useCallback(() => {
    setPicked(selected.size === shown.length ? new Set() : new Set(shown));
    setAnchor(null);
  }, [selected, shown]);
  const clear = useCallback(() => {
    setPicked(new Set());
    setAnchor(null);
  }, []);

  const run = useCallback(
    (action: BulkAction) => {
      const ids = shown.filter((id) => selected.has(id));
      if (!ids.length) return;
      setBusy(true);
      setSummary(null);
      inboxApi
        .bulk({ ids, action })
        .then((result) => {
          const next = summarize(action.type, ids, result);
          setSummary(next);
          setPicked(new Set(next.failedIds));
        })
        .catch((err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) }))
        .finally(() => setBusy(false));
    },
    [shown, selected, errorMessage],
  );

  return { selected, toggle, toggleAll, clear, run, busy, summary, dismiss: () => setSummary(null) };
}
