import { describe, expect, it } from 'vitest';
import { OpQueue, type QueuedOp, type QueueStorage, type SendOutcome } from './op-queue';

class MemoryStorage implements QueueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const op = (n: number): Omit<QueuedOp, 'queuedAt'> => ({
  opId: `op-test-${n}`,
  workItemId: 'w1',
  path: '/api/v1/work-items/w1/status',
  body: { status: 'done', opId: `op-test-${n}` },
  action: 'done',
});

/** A server the test switches on and off; it records what reached it. */
function server() {
  const state = { online: true, received: [] as string[] };
  const send = async (o: QueuedOp): Promise<SendOutcome> => {
    if (!state.online) return 'unreachable';
    state.received.push(o.opId);
    return { sent: true };
  };
  return { state, send };
}

describe('the offline queue of work actions', () => {
  it('keeps actions on the device while offline and sends them once, in order, when back', async () => {
    const storage = new MemoryStorage();
    const { state, send } = server();
    state.online = false;
    const queue = new OpQueue(storage, 'q', send);
    await queue.add(op(1));
    await queue.add(op(2));
    expect(queue.pending().map((o) => o.opId)).toEqual(['op-test-1', 'op-test-2']);

    // the tab is closed and opened again: the queue is still there
    const reopened = new OpQueue(storage, 'q', send);
    expect(reopened.pending()).toHaveLength(2);

    state.online = true;
    // two triggers at once (the online event and a new action) send each action once
    await Promise.all([reopened.flush(), reopened.flush()]);
    expect(state.received).toEqual(['op-test-1', 'op-test-2']);
    expect(reopened.pending()).toEqual([]);
    expect(new OpQueue(storage, 'q', send).pending()).toEqual([]);
  });

  it('stops at the first action that cannot be sent, so later ones never overtake it', async () => {
    const storage = new MemoryStorage();
    const received: string[] = [];
    let failFirst = true;
    const queue = new OpQueue(storage, 'q', async (o) => {
      if (o.opId === 'op-test-1' && failFirst) {
        failFirst = false;
        throw new TypeError('Failed to fetch');
      }
      received.push(o.opId);
      return { sent: true };
    });
    await queue.add(op(1));
    await queue.add(op(2));
    expect(received).toEqual(['op-test-1', 'op-test-2']);
  });

  it('drops an action the server refuses and says so, then goes on with the rest', async () => {
    const refused: string[] = [];
    const queue = new OpQueue(
      new MemoryStorage(),
      'q',
      async (o) => (o.opId === 'op-test-1' ? { sent: false, refused: 'illegal_transition' } : { sent: true }),
      (o, reason) => refused.push(`${o.opId}:${reason}`),
    );
    await queue.add(op(1));
    await queue.add(op(2));
    expect(refused).toEqual(['op-test-1:illegal_transition']);
    expect(queue.pending()).toEqual([]);
  });

  it('reads a damaged store as empty rather than failing', () => {
    const storage = new MemoryStorage();
    storage.setItem('q', '{not json');
    expect(new OpQueue(storage, 'q', async () => ({ sent: true })).pending()).toEqual([]);
  });
});
