import type { Readable } from 'node:stream';
import type { PrivacyExport } from '@frontdesk/protocol';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { loadOrganization } from '../organizations/index.js';
import { exportZip } from './archive.js';
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

/**
 * The export as a zip with the files beside the data (archive.ts), written while it is sent. Refused
 * with `export_too_large` before anything is sent when its files' bytes pass PRIVACY_EXPORT_MAX_BYTES.
 */
export async function exportPersonArchive(
  ctx: ServiceContext<StaffActor>,
  kind: SubjectKind,
  id: string,
): Promise<Readable> {
  const orgId = adminOrg(ctx.actor);
  const subject = await loadSubject(ctx.db, orgId, kind, id);
  const org = await loadOrganization(ctx.db, orgId);
  const data = await buildExport(ctx, subject, org.name, { withBytes: false });
  const bytes = data.files.reduce((sum, f) => sum + f.byteSize, 0);
  const maxBytes = ctx.config.privacyExportMaxBytes;
  if (bytes > maxBytes) {
    throw new AppError(
      'export_too_large',
      `The files come to ${bytes} bytes, more than the ${maxBytes} an export may carry: download the JSON or the page instead`,
      { bytes, maxBytes },
    );
  }
  await recordAudit(ctx, {
    orgId,
    action: 'privacy.exported',
    targetType: kind,
    targetId: id,
    details: { conversations: data.conversations.length, files: data.files.length, format: 'zip', bytes },
  });
  return exportZip(data, (fileId) => ctx.files.get(fileId));
}

/** Erases a stay's guests (after check-out), a customer or a visitor at an admin's request; audited, and `person.erased` is recorded. */
export async function erasePersonData(
  ctx: ServiceContext<StaffActor>,
  kind: SubjectKind,
  id: string,
): Promise<Erasure> {
  const orgId = adminOrg(ctx.actor);
  return eraseSubject(ctx, await loadSubject(ctx.db, orgId, kind, id), 'request');
}
