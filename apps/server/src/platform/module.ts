import type { ErrorCode } from '@frontdesk/protocol';
import type { ListenersOf } from '../realtime/listeners.js';
import type { SocketHandlers } from '../realtime/socket-events.js';
import type { Api } from './api.js';
import type { AppContext } from './context.js';
import type { LocalListeners } from './events.js';
import type { DurableConsumer } from './outbox/consumers.js';
import type { JobDefinition } from './outbox/job-runner.js';

/**
 * What a domain module offers the server, declared once in its `index.ts`. `app.ts`, the realtime
 * gateway and the job runner loop over the list in `modules/index.ts` and never name a module's
 * internals, so adding a domain touches its own folder and one line of that list.
 */
export interface ModuleManifest {
  name: string;
  /** Its HTTP routes (all under /api/v1). */
  routes?(api: Api, ctx: AppContext): void | Promise<void>;
  /** Its realtime fan-out: what its sockets are told when one of its committed events is dispatched. */
  listeners?: ListenersOf;
  /** Its socket events: their budgets and what staff and guest sockets may send. */
  socket?: SocketHandlers;
  /**
   * The error codes its services and handlers raise beyond the platform's own (platformErrorCodes):
   * its part of the public contract, checked against its source by modules.test.ts.
   */
  errorCodes?: readonly ErrorCode[];
  /** Its scheduled work, run by the durable job runner (one node at a time per job). */
  jobs?(ctx: AppContext): JobDefinition[];
  /**
   * What it does, at least once, after events of other modules: durable consumers with their own
   * cursor, run by whichever node holds their lease (see outbox/consumers.ts).
   */
  consumers?(ctx: AppContext): DurableConsumer[];
  /**
   * What it does at once, on this node, after in-process signals that are not durable events (a
   * presence change): best effort, so whatever it starts must also be reached another way.
   */
  reactions?(ctx: AppContext): LocalListeners;
}

/** Declares a module; only checks its shape. */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
