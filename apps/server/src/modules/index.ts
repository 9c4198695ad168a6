import type { ModuleManifest } from '../platform/module.js';
import { account } from './account/index.js';
import { alerts } from './alerts/index.js';
import { apiKeysModule } from './api-keys/index.js';
import { assignment } from './assignment/index.js';
import { attachments } from './attachments/index.js';
import { auth } from './auth/index.js';
import { bulk } from './bulk/index.js';
import { canned } from './canned/index.js';
import { conversations } from './conversations/index.js';
import { customers } from './customers/index.js';
import { files } from './files/index.js';
import { forms } from './forms/index.js';
import { guest } from './guest/index.js';
import { idempotency } from './idempotency/index.js';
import { labels } from './labels/index.js';
import { leads } from './leads/index.js';
import { mail } from './mail/index.js';
import { metrics } from './metrics/index.js';
import { notes } from './notes/index.js';
import { organizations } from './organizations/index.js';
import { privacy } from './privacy/index.js';
import { push } from './push/index.js';
import { queue } from './queue/index.js';
import { quickActionsModule } from './quick-actions/index.js';
import { rooms } from './rooms/index.js';
import { routing } from './routing/index.js';
import { scheduled } from './scheduled/index.js';
import { searchModule } from './search/index.js';
import { shifts } from './shifts/index.js';
import { sla } from './sla/index.js';
import { sso } from './sso/index.js';
import { staff } from './staff/index.js';
import { stays } from './stays/index.js';
import { tags } from './tags/index.js';
import { teams } from './teams/index.js';
import { translation } from './translation/index.js';
import { uploads } from './uploads/index.js';
import { webhooks } from './webhooks/index.js';
import { work } from './work/index.js';

/**
 * Every domain module the server runs: app.ts registers their routes, the gateway their realtime
 * listeners, the job runner their jobs, in this order. A new domain adds one line here.
 * (audit, qr and demo are libraries the others use; they have no routes, listeners or jobs.)
 */
export const modules: readonly ModuleManifest[] = [
  auth,
  account,
  organizations,
  staff,
  sso,
  teams,
  routing,
  rooms,
  stays,
  customers,
  labels,
  forms,
  guest,
  conversations,
  leads,
  scheduled,
  assignment,
  queue,
  sla,
  shifts,
  files,
  uploads,
  attachments,
  notes,
  canned,
  mail,
  tags,
  bulk,
  searchModule,
  work,
  quickActionsModule,
  webhooks,
  push,
  apiKeysModule,
  alerts,
  translation,
  idempotency,
  metrics,
  privacy,
];
