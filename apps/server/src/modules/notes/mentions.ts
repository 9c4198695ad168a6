/** A staff member who may be named in a note. */
export interface Mentionable {
  id: string;
  name: string;
}

const wordChar = /[\p{L}\p{N}_]/u;

/**
 * The colleagues a note names as `@Full Name` (case-insensitive, not inside a longer word or an e-mail address),
 * each once. Longer names are matched first, so `@Anna Nowak` names Anna Nowak and not also a
 * colleague called Anna.
 */
export function mentionedIn(text: string, candidates: readonly Mentionable[]): Mentionable[] {
  let rest = text.toLocaleLowerCase();
  const found: Mentionable[] = [];
  const longestFirst = [...candidates].filter((c) => c.name.trim()).sort((a, b) => b.name.length - a.name.length);
  for (const candidate of longestFirst) {
    const needle = `@${candidate.name.trim().toLocaleLowerCase()}`;
    let at = rest.indexOf(needle);
    let named = false;
    while (at !== -1) {
      const before = at > 0 ? rest[at - 1] : undefined;
      const after = rest[at + needle.length];
      if ((before === undefined || !wordChar.test(before)) && (after === undefined || !wordChar.test(after))) {
        named = true;
        rest = `${rest.slice(0, at)}${' '.repeat(needle.length)}${rest.slice(at + needle.length)}`;
      }
      at = rest.indexOf(needle, at + 1);
    }
    if (named) found.push(candidate);
  }
  return found;
}
