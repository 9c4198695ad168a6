// The rooms module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerRoomRoutes } from './routes.js';

export { loadRoomByExternalId } from './pms.js';
export { roomPolicy } from './policy.js';
export { loadRoom } from './service.js';

/** Rooms and their posters. */
export const rooms = defineModule({
  name: 'rooms',
  errorCodes: ['room_number_taken', 'room_occupied'],
  routes: registerRoomRoutes,
});
