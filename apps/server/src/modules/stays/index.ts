// The stays module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { stayJobs } from './jobs.js';
import { stayListeners } from './realtime.js';
import { registerStayRoutes } from './routes.js';

export { newAccessCode } from './codes.js';
export { revokeGuestSessionsOf } from './guest-access.js';
export { guestLanguages, stayGuestLanguages } from './languages.js';
export { checkOut } from './service.js';
export { stayEnd } from './status.js';
export { formatStayDate, formatStayTime } from './time.js';

/** Stays and their guests: check-in, check-out, access codes, welcome cards. */
export const stays = defineModule({
  name: 'stays',
  errorCodes: ['room_occupied', 'stay_read_only'],
  routes: registerStayRoutes,
  listeners: stayListeners,
  jobs: stayJobs,
});
