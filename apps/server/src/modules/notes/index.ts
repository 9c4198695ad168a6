// The notes module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { noteListeners } from './realtime.js';
import { registerNoteRoutes } from './routes.js';

/**
 * Internal notes in conversations and the mentions in them: staff only, on a path of their own
 * beside the messages (see conversation_notes in db/schema.ts), so no guest path can carry them.
 */
export const notes = defineModule({
  name: 'notes',
  errorCodes: [],
  routes: registerNoteRoutes,
  listeners: noteListeners,
});
