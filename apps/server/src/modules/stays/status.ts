export type StayStatus = 'upcoming' | 'current' | 'ended';

interface StayTimes {
  checkInAt: Date;
  checkOutAt: Date;
  endedAt: Date | null;
}

/** A stay ends when checked out by hand or when its check-out time passes, whichever is first. */
export function stayEnd(stay: StayTimes, now = Date.now()): Date | null {
  if (stay.endedAt) return stay.endedAt;
  return stay.checkOutAt.getTime() <= now ? stay.checkOutAt : null;
}

export function stayStatus(stay: StayTimes, now = Date.now()): StayStatus {
  if (stayEnd(stay, now)) return 'ended';
  return stay.checkInAt.getTime() > now ? 'upcoming' : 'current';
}
