export interface TypingPerson {
  key: string;
  type: 'guest' | 'visitor' | 'staff';
  name: string | null;
}

interface TypingEntry extends TypingPerson {
  until: number;
}

/** How long "is typing" stays up without a repeat (the sender repeats it every few seconds). */
const TYPING_SHOWN_MS = 8000;

/** Who is typing in which conversation, as heard from the socket; entries expire on their own. */
export class TypingBoard {
  private readonly entries = new Map<string, Map<string, TypingEntry>>();
  private readonly sweep: ReturnType<typeof setInterval>;

  /** `shownMs`: how long an entry stays without a repeat (typing's by default; "viewing" lives longer). */
  constructor(
    private readonly changed: () => void,
    private readonly shownMs = TYPING_SHOWN_MS,
  ) {
    this.sweep = setInterval(() => this.expire(), 1000);
  }

  /** Records a notice; returns true when the person was not shown for this conversation before. */
  heard(conversationId: string, person: TypingPerson, typing: boolean): boolean {
    if (!typing) {
      this.clear(conversationId, person.key);
      return false;
    }
    const entries = this.entries.get(conversationId) ?? new Map<string, TypingEntry>();
    const fresh = !entries.has(person.key);
    entries.set(person.key, { ...person, until: Date.now() + this.shownMs });
    this.entries.set(conversationId, entries);
    this.changed();
    return fresh;
  }

  clear(conversationId: string, key: string): void {
    if (this.entries.get(conversationId)?.delete(key)) this.changed();
  }

  clearAll(): void {
    this.entries.clear();
    this.changed();
  }

  snapshot(): ReadonlyMap<string, readonly TypingPerson[]> {
    const typing = new Map<string, TypingPerson[]>();
    for (const [conversationId, entries] of this.entries)
      if (entries.size)
        typing.set(
          conversationId,
          [...entries.values()].map(({ key, type, name }) => ({ key, type, name })),
        );
    return typing;
  }

  close(): void {
    clearInterval(this.sweep);
  }

  private expire(): void {
    const now = Date.now();
    let expired = false;
    for (const entries of this.entries.values())
      for (const [key, entry] of entries)
        if (entry.until < now) {
          entries.delete(key);
          expired = true;
        }
    if (expired) this.changed();
  }
}
