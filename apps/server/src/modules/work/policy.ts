import type { ConversationVisibility, Role } from '@frontdesk/protocol';
import type { StaffActor } from '../../platform/actor.js';

/** Who a work item is shown to: the parts of a staff member its visibility rule reads. */
export interface WorkViewer {
  userId: string;
  role: Role | null;
  teamIds: readonly string[];
  /** The organization's team visibility setting (the same one conversations follow). */
  visibility: ConversationVisibility;
}

interface ItemScope {
  assigneeId: string | null;
  teamId: string | null;
}

export const viewerOf = (actor: StaffActor): WorkViewer => ({
  userId: actor.userId,
  role: actor.role,
  teamIds: actor.teamIds,
  visibility: actor.conversationVisibility,
});

/**
 * Admins see every item of their organization; agents every one, or (team visibility) those of no
 * team, of their teams and their own, as with conversations; field staff only those assigned to them
 * or to their teams. The organization itself is the caller's check.
 */
export function sees(viewer: WorkViewer, item: ItemScope): boolean {
  const mine = item.assigneeId === viewer.userId;
  const ofMyTeam = item.teamId !== null && viewer.teamIds.includes(item.teamId);
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'agent') return viewer.visibility === 'all' || item.teamId === null || ofMyTeam || mine;
  if (viewer.role === 'field') return mine || ofMyTeam;
  return false;
}

const desk = (actor: StaffActor) => actor.role === 'admin' || actor.role === 'agent';

export const workPolicy = {
  /** Anyone of an organization with a role works with the items they see. */
  use: (actor: StaffActor) => !!actor.orgId && (desk(actor) || actor.role === 'field'),
  /** The desk creates, edits, assigns, reschedules and cancels; field staff do the work. */
  plan: desk,
  /** Moving an item along: the desk any move; field staff start, pause and finish (no cancelling). */
  move: (actor: StaffActor, to: string) => desk(actor) || (actor.role === 'field' && to !== 'cancelled'),
};
