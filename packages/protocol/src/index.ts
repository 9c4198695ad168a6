export * from './accounts.js';
export * from './chat.js';
export * from './common.js';
export * from './errors.js';
export * from './events.js';
export * from './files.js';
export * from './guest.js';
export * from './stays.js';
