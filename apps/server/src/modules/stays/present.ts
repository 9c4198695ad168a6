import type { Stay } from '@frontdesk/protocol';
import { guestLinks } from '../organizations/index.js';
import type { GuestRow, StayView } from './service.js';
import { stayStatus } from './status.js';

interface LinkContext {
  publicUrl: string;
  slug: string;
}

function presentGuest(stayId: string, guest: GuestRow, links: LinkContext) {
  const base = `${links.publicUrl}/api/v1/stays/${stayId}/guests/${guest.id}`;
  return {
    id: guest.id,
    name: guest.name,
    email: guest.email,
    phone: guest.phone,
    language: guest.language as Stay['guests'][number]['language'],
    vip: guest.vip,
    externalId: guest.externalId,
    code: guest.code,
    summaryOptIn: guest.summaryEmail !== null,
    url: guestLinks.stayGuest(links.publicUrl, links.slug, guest.code),
    qrSvgUrl: `${base}/qr.svg`,
    qrPngUrl: `${base}/qr.png`,
    welcomeCardUrl: `${base}/welcome-card.pdf`,
  };
}

export function presentStay(view: StayView, links: LinkContext): Stay {
  const { stay, room } = view;
  return {
    id: stay.id,
    room: { id: room.id, number: room.number, label: room.label, priority: room.priority },
    checkInAt: stay.checkInAt.toISOString(),
    checkOutAt: stay.checkOutAt.toISOString(),
    endedAt: stay.endedAt?.toISOString() ?? (stayStatus(stay) === 'ended' ? stay.checkOutAt.toISOString() : null),
    status: stayStatus(stay),
    externalId: stay.externalId,
    erasedAt: stay.erasedAt?.toISOString() ?? null,
    guests: view.guests.map((g) => presentGuest(stay.id, g, links)),
    liveConversations: view.liveConversations,
  };
}
