// The files module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerFileRoutes } from './routes.js';

export { fileTooLarge, processAttachmentImage, processImage } from './images.js';
export { forgetFiles, removeStoredFiles, saveImage } from './service.js';

/** Stored images (logos, photos) and serving them. */
export const files = defineModule({
  name: 'files',
  errorCodes: ['file_too_large', 'unsupported_file_type', 'invalid_image'],
  routes: registerFileRoutes,
});
