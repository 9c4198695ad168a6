import type { CurrentUser, Role } from '@frontdesk/protocol';
import type { Config } from '../../config.js';
import type { organizations, users } from '../../db/schema.js';
import { presentAttachmentLimits } from '../../platform/attachment-limits.js';
import { presentOrganization } from '../organizations/index.js';
import { photoUrlOf } from '../staff/index.js';
import { abilitiesOf } from './abilities.js';

/**
 * The signed-in staff member as getCurrentUser found them (with the teams they are duty manager of),
 * and the settings' limits on a message's files, which their composer checks before uploading.
 */
export function presentCurrentUser(
  {
    user,
    org,
    managedTeamIds,
  }: {
    user: typeof users.$inferSelect;
    org: typeof organizations.$inferSelect | null;
    managedTeamIds: readonly string[];
  },
  config: Pick<Config, 'attachments'>,
): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    motto: user.motto,
    photoUrl: photoUrlOf(user),
    superadmin: user.superadmin,
    role: user.role as Role | null,
    organization: org ? presentOrganization(org) : null,
    abilities: abilitiesOf({
      userId: user.id,
      orgId: user.orgId,
      orgKind: org?.kind ?? null,
      orgPlan: org?.plan ?? null,
      role: user.role as Role | null,
      superadmin: user.superadmin,
      managedTeamIds,
    }),
    attachmentLimits: presentAttachmentLimits(config.attachments),
  };
}
