// The labels module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerLabelRoutes } from './routes.js';

export { printedCode } from './codes.js';
export { customerCodeToMail } from './customer-code.js';
export { labelOfCustomer, verifyAtLabel } from './scan.js';

/** A service company's QR labels: batches, sticker sheets, giving them to customers, and scanning them. */
export const labels = defineModule({
  name: 'labels',
  errorCodes: [
    'label_retired',
    'label_taken',
    'label_not_assigned',
    'verification_failed',
    'no_email_on_file',
    'code_expired',
  ],
  routes: registerLabelRoutes,
});
