// The staff module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerStaffRoutes } from './routes.js';

export { staffPolicy } from './policy.js';
export { photoUrlOf, presentStaff } from './present.js';
export { logInvite } from './routes.js';
export { addStaff, addStaffOnFirstSignIn, listStaff, removeStaff, seatUsage, setStaffActive } from './service.js';
export { recordStaffAdded } from './welcome.js';

/** An organization's staff accounts. */
export const staff = defineModule({
  name: 'staff',
  errorCodes: ['seat_limit_reached', 'email_taken', 'last_admin', 'cannot_modify_self'],
  routes: registerStaffRoutes,
});
