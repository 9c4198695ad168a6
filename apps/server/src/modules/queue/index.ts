// The queue module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { queueListeners } from './realtime.js';
import { queueSockets } from './socket-handlers.js';

/** What a waiting guest sees of the queue: their place in it and the wait to expect, live. */
export const queue = defineModule({
  name: 'queue',
  errorCodes: [],
  listeners: queueListeners,
  socket: queueSockets,
});
