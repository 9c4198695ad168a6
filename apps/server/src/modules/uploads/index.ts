// The uploads module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerUploadRoutes } from './routes.js';

/** Uploading the organization's logo and one's own photo. */
export const uploads = defineModule({ name: 'uploads', routes: registerUploadRoutes });
