import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ChatEventBudget, ChatEventGroup, Config } from '../config.js';
import { AppError } from '../platform/errors.js';
import type { Limiter, LimiterFactory } from '../platform/rate-limit.js';

/** The budget a client event spends: sends have their own (CHAT_SEND_*), the rest CHAT_EVENT_LIMITS'. */
export type EventBudgetGroup = ChatEventGroup | 'send';
type Group = EventBudgetGroup | 'other';

/**
 * The default budgets: what the web app and the SDK send, with room to spare, and far below what
 * costs the server. A client resyncs on connect and when it sees a gap (sync); repeats "typing"
 * every few seconds per conversation and "stopped" once (typing); marks each conversation
 * delivered and read as messages arrive and show (receipts); staff take, hand over and resolve
 * requests one click at a time (actions), a guest rates once per request (rate), staff set their
 * status by hand (presence), people react to messages a tap at a time (reactions). Overridden with CHAT_EVENT_LIMITS (README "Configuration").
 */
export const defaultEventBudgets: Record<ChatEventGroup, ChatEventBudget> = {
  sync: { perSocket: 10, perSocketWindowSeconds: 10, perSender: 60, perSenderWindowSeconds: 60 },
  typing: { perSocket: 30, perSocketWindowSeconds: 10, perSender: 120, perSenderWindowSeconds: 60 },
  receipts: { perSocket: 60, perSocketWindowSeconds: 10, perSender: 600, perSenderWindowSeconds: 60 },
  actions: { perSocket: 30, perSocketWindowSeconds: 10, perSender: 120, perSenderWindowSeconds: 60 },
  rate: { perSocket: 5, perSocketWindowSeconds: 10, perSender: 20, perSenderWindowSeconds: 60 },
  presence: { perSocket: 10, perSocketWindowSeconds: 10, perSender: 30, perSenderWindowSeconds: 60 },
  reactions: { perSocket: 20, perSocketWindowSeconds: 10, perSender: 60, perSenderWindowSeconds: 60 },
};

/**
 * Events no role may send (unknown names) and events the sender's role may not send: they do no
 * work beyond the refusal, so only a per-socket budget guards them, in memory; a shared per-sender
 * count would cost more (a Redis round trip) than the refusal it guards.
 */
const REFUSED_BUDGET = { perSocket: 20, perSocketWindowSeconds: 10 };

/**
 * Per-event budgets of a node's sockets: per socket in this node's memory, then per sender
 * (staff user, guest, visitor) through the shared limiter, so that many sockets of one sender —
 * or one sender on many nodes — get no more. An event over budget throws `rate_limited`.
 */
export class EventLimits {
  private readonly perSocket = new Map<Group, RateLimiterMemory>();
  private readonly perSender = new Map<Group, Limiter>();

  /**
   * `groupOf` says which budget each client event spends (the modules declare it with their
   * events); `sendPerSender` is the per-sender send limiter the gateway already had (`chat-sender`).
   */
  constructor(
    config: Config,
    limiter: LimiterFactory,
    sendPerSender: Limiter,
    private readonly groupOf: Partial<Record<string, EventBudgetGroup>>,
  ) {
    const { chatLimits } = config;
    this.perSocket.set(
      'send',
      new RateLimiterMemory({ points: chatLimits.perSocket, duration: chatLimits.perSocketWindowSeconds }),
    );
    this.perSender.set('send', sendPerSender);
    for (const [group, defaults] of Object.entries(defaultEventBudgets) as [ChatEventGroup, ChatEventBudget][]) {
      const b = { ...defaults, ...config.chatEventLimits[group] };
      this.perSocket.set(group, new RateLimiterMemory({ points: b.perSocket, duration: b.perSocketWindowSeconds }));
      this.perSender.set(group, limiter(`chat-${group}`, b.perSender, b.perSenderWindowSeconds));
    }
    this.perSocket.set(
      'other',
      new RateLimiterMemory({ points: REFUSED_BUDGET.perSocket, duration: REFUSED_BUDGET.perSocketWindowSeconds }),
    );
  }

  /** Counts one `event` from a socket and its sender; throws `rate_limited` when either is over budget. */
  async consume(socketId: string, event: string, senderKey: string): Promise<void> {
    const group: Group = this.groupOf[event] ?? 'other';
    await this.consumeOnSocket(group, socketId);
    await this.perSender.get(group)?.consume(senderKey);
  }

  /** Counts a refused or unknown event against the socket only (see REFUSED_BUDGET). */
  async consumeRefused(socketId: string): Promise<void> {
    await this.consumeOnSocket('other', socketId);
  }

  private async consumeOnSocket(group: Group, socketId: string): Promise<void> {
    try {
      await this.perSocket.get(group)?.consume(socketId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      const what = group === 'send' ? 'You are sending too fast' : 'Too many requests';
      throw new AppError('rate_limited', `${what}. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
    }
  }
}
