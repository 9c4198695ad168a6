/**
 * The ids a click selects in a list: one id toggled, or with shift the range from the last one
 * clicked (the anchor) to this one, all set to the state the clicked one takes.
 */
export function toggleSelection(
  selected: ReadonlySet<string>,
  shown: readonly string[],
  clicked: string,
  anchor: string | null,
  range: boolean,
): Set<string> {
  const next = new Set(selected);
  const on = !selected.has(clicked);
  const from = anchor === null ? -1 : shown.indexOf(anchor);
  const to = shown.indexOf(clicked);
  const ids = range && from !== -1 && to !== -1 ? shown.slice(Math.min(from, to), Math.max(from, to) + 1) : [clicked];
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The selection kept to what is still shown (a request that left the tab is no longer selected). */
export function keepShown(selected: ReadonlySet<string>, shown: readonly string[]): Set<string> {
  return new Set(shown.filter((id) => selected.has(id)));
}
