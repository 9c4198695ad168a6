// The audit module's public entry: other modules import from here only (npm run lint checks it).

export { listAudit, recordAudit } from './service.js';
