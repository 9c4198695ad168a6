import { clientEventPayloads, clientEvents } from '@frontdesk/protocol';
import { z } from 'zod';
import type { JsonSchema } from './openapi.js';

type EventName = (typeof clientEvents)[keyof typeof clientEvents];
export type Side = 'staff' | 'guest';

/** The sockets that handle each client event; the other side may not send it. */
const sides: Record<EventName, Side[]> = {
  [clientEvents.send]: ['staff', 'guest'],
  [clientEvents.take]: ['staff'],
  [clientEvents.assign]: ['staff'],
  [clientEvents.resolve]: ['staff'],
  [clientEvents.rate]: ['guest'],
  [clientEvents.delivered]: ['staff', 'guest'],
  [clientEvents.read]: ['staff', 'guest'],
  [clientEvents.typing]: ['staff', 'guest'],
  [clientEvents.react]: ['staff', 'guest'],
  [clientEvents.viewing]: ['staff'],
  [clientEvents.presence]: ['staff'],
  [clientEvents.sync]: ['staff', 'guest'],
};

/** Every client → server event with its payload as JSON Schema, so tests walk them like REST bodies. */
export const socketEvents = Object.entries(clientEventPayloads).map(([event, schema]) => ({
  event,
  schema: z.toJSONSchema(schema, { io: 'input' }) as JsonSchema,
  sides: sides[event as EventName],
}));
