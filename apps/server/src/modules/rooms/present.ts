import type { Room } from '@frontdesk/protocol';
import { guestLinks } from '../organizations/index.js';
import type { RoomWithOccupancy } from './service.js';

interface LinkContext {
  publicUrl: string;
  slug: string;
}

export function presentRoom(room: RoomWithOccupancy, links: LinkContext): Room {
  return {
    id: room.id,
    number: room.number,
    label: room.label,
    priority: room.priority,
    occupied: room.occupied,
    externalId: room.externalId,
    guestUrl: guestLinks.room(links.publicUrl, links.slug, room.number),
  };
}
