// The demo module's public entry: other modules import from here only (npm run lint checks it).

export { DEMO_PASSWORD, demoAccounts, demoServiceAccounts, demoSuperadmin, seedDemo } from './seed.js';
