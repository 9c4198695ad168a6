import type { PrivacyExport } from '@frontdesk/protocol';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { loadOrganization } from '../organizations/index.js';
import { type Erasure, eraseSubject } from './erase.js';
import { buildExport } from './export.js';
import { privacyPolicy } from './policy.js';
import { loadSubject, type SubjectKind } from './subject.js';

function adminOrg(actor: StaffActor): string {
  if (!privacyPolicy.manage(actor)) throw forbidden('Only admins export or erase a person’s data');
  return actorOrgId(actor);
}

/** Everything held about a stay's guests or a customer, for their request; audited. */
export async function exportPersonData(
  ctx: ServiceContext<StaffActor>,
  kind: SubjectKind,
  id: string,
): Promise<PrivacyExport> {
  const orgId = adminOrg(ctx.actor);
  const subject = await loadSubject(ctx.db, orgId, kind, id);
  const org = await loadOrganization(ctx.db, orgId);
  const data = await buildExport(ctx, subject, org.name);
  await recordAudit(ctx, {
    orgId,
    action: 'privacy.exported',
    targetType: kind,
    targetId: id,
    details: { conversations: data.conversations.length, files: data.files.length },
  });
  return data;
}

/** Erases a stay's guests (after check-out) or a customer at an admin's request; audited, and `person.erased` is recorded. */
export async function erasePersonData(
  ctx: ServiceContext<StaffActor>,
  kind: SubjectKind,
  id: string,
): Promise<Erasure> {
  const orgId = adminOrg(ctx.actor);
  return eraseSubject(ctx, await loadSubject(ctx.db, orgId, kind, id), 'request');
}
