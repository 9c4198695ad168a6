// The forms module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerFormRoutes } from './routes.js';

export { checkAnswers, photoIdsOf } from './definition.js';
export { formPolicy } from './policy.js';
export { loadVersion, publishedForms } from './service.js';

/** Request forms of a service company: designed by admins, published in versions, filled by customers. */
export const forms = defineModule({ name: 'forms', errorCodes: [], routes: registerFormRoutes });
