import { type EscalationNotice, serverEvents, type UrgentNotice } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { type ConversationView, loadConversationView } from '../conversations/index.js';

const contactOf = (view: ConversationView) => ({
  contactName: view.guestName ?? view.visitorName ?? null,
  roomNumber: view.roomNumber ?? null,
});

/**
 * The desk hears of trouble as it happens: a request's duty manager (or the admins) of an SLA
 * breach, and a team (the whole desk for a request of no team) of a request that became urgent —
 * routed so, set so by staff, or escalated so.
 */
export function slaListeners({ io, db }: FanOut): RealtimeListeners {
  const urgent = async (conversationId: string) => {
    const view = await loadConversationView(db, conversationId);
    if (!view) return;
    const notice: UrgentNotice = { conversationId, teamName: view.teamName ?? null, ...contactOf(view) };
    io.to(view.c.teamId ? rooms.team(view.c.teamId) : rooms.orgStaff(view.c.orgId)).emit(serverEvents.urgent, notice);
  };
  return {
    'conversation.routed': ({ data }) => (data.priority === 'urgent' ? urgent(data.conversationId) : undefined),
    'conversation.prioritized': ({ data }) =>
      data.priority === 'urgent' && data.previousPriority !== 'urgent' ? urgent(data.conversationId) : undefined,
    'conversation.sla_breached': async ({ data }) => {
      const view = await loadConversationView(db, data.conversationId);
      if (!view) return;
      const notice: EscalationNotice = {
        conversationId: data.conversationId,
        teamName: view.teamName ?? '',
        kind: data.kind,
        targetMinutes: data.targetMinutes,
        waitingSince: data.waitingSince,
        priority: data.priority,
        ...contactOf(view),
      };
      if (data.notifiedUserIds.length)
        io.to(data.notifiedUserIds.map(rooms.user)).emit(serverEvents.escalation, notice);
      if (data.priority === 'urgent' && data.previousPriority !== 'urgent') await urgent(data.conversationId);
    },
  };
}
