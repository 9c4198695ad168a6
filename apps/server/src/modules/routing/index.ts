// The routing module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerRoutingRoutes } from './routes.js';

export type { Routed } from './match.js';
export { routedEvent, routedEventData, routeNewRequest, routeNewRequests } from './route-new-request.js';

/** Where a new request goes: the organization's routing rules, in order, and its default team. */
export const routing = defineModule({ name: 'routing', errorCodes: [], routes: registerRoutingRoutes });
