import type { Note } from '@frontdesk/protocol';
import { sharedApi } from '../shared-api';

/**
 * The internal notes of the threads a staff member has opened: loaded with the thread, live ones
 * merged in by id, loaded again after a reconnect (notes are not part of the messages' resync).
 */
export class NoteBook {
  private readonly notes = new Map<string, readonly Note[]>();

  constructor(private readonly changed: () => void) {}

  snapshot(): ReadonlyMap<string, readonly Note[]> {
    return new Map(this.notes);
  }

  /** Loads a thread's notes (again, when `force`: after a reconnect). */
  open(conversationId: string, force = false): void {
    if (this.notes.has(conversationId) && !force) return;
    if (!this.notes.has(conversationId)) this.notes.set(conversationId, []);
    sharedApi.notes(conversationId).then(
      (notes) => this.add(conversationId, notes),
      // the thread itself shows why it cannot be read; its notes stay as they are
      () => undefined,
    );
  }

  reloadAll(): void {
    for (const conversationId of this.notes.keys()) this.open(conversationId, true);
  }

  /** Live or saved notes of an open thread, each once, oldest first. */
  add(conversationId: string, incoming: readonly Note[]): void {
    const held = this.notes.get(conversationId);
    if (!held || !incoming.length) return;
    const byId = new Map(held.map((n) => [n.id, n]));
    for (const n of incoming) byId.set(n.id, n);
    this.notes.set(
      conversationId,
      [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    );
    this.changed();
  }
}
