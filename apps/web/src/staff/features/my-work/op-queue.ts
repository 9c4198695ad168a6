/**
 * The phone's queue of work-item actions: each is kept on the device (so a closed tab or a dead
 * battery loses nothing) with the opId the server replays by, and sent one at a time, oldest
 * first. A send that cannot reach the server stops the run and keeps the action for the next one;
 * an answer (accepted or refused) takes it off, so each action is applied once, in order.
 */
export interface QueuedOp {
  opId: string;
  workItemId: string;
  /** The API path and body, ready to send. */
  path: string;
  body: Record<string, unknown>;
  /** What it does: `status:<to>`, `check:<checklist item id>` or `note`; the page shows its effect before it is sent. */
  action: string;
  queuedAt: string;
}

/** Where the queue is kept: localStorage in the app, a Map in tests. */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The outcome of one send: the server answered (ok or refused), or it could not be reached. */
export type SendOutcome = { sent: true } | { sent: false; refused: unknown } | 'unreachable';

export class OpQueue {
  private ops: QueuedOp[];
  private running: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: QueueStorage,
    private readonly key: string,
    private readonly send: (op: QueuedOp) => Promise<SendOutcome>,
    private readonly onRefused: (op: QueuedOp, reason: unknown) => void = () => {},
  ) {
    this.ops = read(storage, key);
  }

  /** The actions still to send, oldest first. */
  pending(): readonly QueuedOp[] {
    return this.ops;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps an action on the device, then tries to send the queue. */
  add(op: Omit<QueuedOp, 'queuedAt'>): Promise<void> {
    this.ops = [...this.ops, { ...op, queuedAt: new Date().toISOString() }];
    this.save();
    return this.flush();
  }

  /** Sends what is queued, in order; a second call while one runs waits for it (never sends twice). */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const op = this.ops[0];
      if (!op) return;
      const outcome = await this.send(op).catch(() => 'unreachable' as const);
      if (outcome === 'unreachable') return;
      this.ops = this.ops.filter((o) => o.opId !== op.opId);
      this.save();
      if (!outcome.sent) this.onRefused(op, outcome.refused);
    }
  }

  private save(): void {
    this.storage.setItem(this.key, JSON.stringify(this.ops));
    for (const l of this.listeners) l();
  }
}

function read(storage: QueueStorage, key: string): QueuedOp[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedOp[]).filter((o) => typeof o?.opId === 'string') : [];
  } catch {
    return [];
  }
}

/** A fresh operation id (letters and digits, as the API asks). */
export function newOpId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `op${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
