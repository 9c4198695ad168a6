import { serverEvents } from '@frontdesk/protocol';
import type { FanOut, RealtimeListeners } from '../../realtime/listeners.js';
import { rooms } from '../../realtime/rooms.js';
import { presentLead } from './present.js';
import { loadLeadView } from './service.js';

/**
 * The leads desk hears each lead as it arrives and as its status changes, so the inbox of requests
 * needs no reload. The organization's staff room holds its admins and agents: for a service company,
 * exactly those who work its leads (leadPolicy.view).
 */
export function leadListeners({ io, db }: FanOut): RealtimeListeners {
  const pushLead = async ({ orgId, data }: { orgId: string | null; data: { leadId: string } }) => {
    if (!orgId) return;
    const view = await loadLeadView(db, orgId, data.leadId);
    if (view) io.to(rooms.orgStaff(orgId)).emit(serverEvents.lead, { lead: presentLead(view) });
  };
  return { 'lead.created': pushLead, 'lead.status_changed': pushLead };
}
