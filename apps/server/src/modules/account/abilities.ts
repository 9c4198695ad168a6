import { type Abilities, planIncludes } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';
import { conversationPolicy } from '../conversations/index.js';
import { customerPolicy } from '../customers/index.js';
import { formPolicy } from '../forms/index.js';
import { leadPolicy } from '../leads/index.js';
import { metricsPolicy } from '../metrics/index.js';
import { organizationPolicy } from '../organizations/index.js';
import { privacyPolicy } from '../privacy/index.js';
import { roomPolicy } from '../rooms/index.js';
import { staffPolicy } from '../staff/index.js';
import { teamPolicy } from '../teams/index.js';
import { workPolicy } from '../work/index.js';

/**
 * What a signed-in staff member may do, asked of the same policies the services enforce, so the
 * web app shows exactly the pages and controls the server will allow (and never re-derives them
 * from the role). Everything but the platform needs an organization to act in; work needs a plan
 * that includes tasks.
 */
export function abilitiesOf(
  actor: Pick<StaffActor, 'orgId' | 'orgKind' | 'orgPlan' | 'role' | 'superadmin' | 'userId'> & {
    /** The live teams the member is duty manager of. */
    managedTeamIds: readonly string[];
  },
): Abilities {
  // the policies read only these fields of an actor
  const subject = { ...actor, kind: 'staff' } as unknown as StaffActor;
  const inOrg = actor.orgId !== null;
  // work items are a paid plan's: without them, no My work, no board (the server refuses them too)
  const tasks = inOrg && planIncludes(actor.orgPlan, 'tasks');
  return {
    inbox: inOrg && conversationPolicy.take(subject),
    assignAnyConversation: inOrg && conversationPolicy.assignAny(subject),
    resolveAnyConversation: inOrg && conversationPolicy.resolveAny(subject),
    stays: inOrg && roomPolicy.view(subject),
    customers: inOrg && customerPolicy.view(subject),
    manageCustomerFields: inOrg && customerPolicy.manageFields(subject),
    leads: inOrg && leadPolicy.view(subject),
    manageForms: inOrg && formPolicy.manage(subject),
    leadReports: inOrg && leadPolicy.report(subject),
    serviceMetrics: inOrg && metricsPolicy.viewAll(subject),
    // the teams they manage have them as duty manager: the policy the report asks for each of them
    teamMetrics: inOrg && actor.managedTeamIds.length > 0 && metricsPolicy.viewTeam(subject, actor.userId),
    // "My performance": their own figures, by the same definitions
    myMetrics: inOrg && metricsPolicy.viewOwn(subject, actor.userId),
    myWork: tasks && workPolicy.use(subject),
    manageStaff: inOrg && staffPolicy.add(subject, 'agent'),
    manageAdmins: inOrg && staffPolicy.add(subject, 'admin'),
    manageRooms: inOrg && roomPolicy.manage(subject),
    manageTeams: inOrg && teamPolicy.manage(subject),
    manageOrganization: inOrg && organizationPolicy.edit(subject),
    viewAudit: inOrg && organizationPolicy.viewAudit(subject),
    managePrivacy: inOrg && privacyPolicy.manage(subject),
    dispatch: tasks && workPolicy.plan(subject),
    platform: actor.superadmin,
  };
}
