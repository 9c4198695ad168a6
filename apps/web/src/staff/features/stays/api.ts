import { api } from '../../../api/client';
import type { GuestDetails, Stay, StayFilter } from '../../api';
import { id, query } from '../../api-url';

/** Stays: check-in, guests, check-out time, check-out, ending access. */
export const staysApi = {
  stays: (status: StayFilter, q?: string) => api<Stay[]>(`/api/v1/stays${query({ status, q })}`),
  stay: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}`),
  checkIn: (input: { roomId: string; checkOutAt: string; guest: GuestDetails }) =>
    api<Stay>('/api/v1/stays', { body: input }),
  addGuest: (stayId: string, guest: GuestDetails) => api<Stay>(`/api/v1/stays/${id(stayId)}/guests`, { body: guest }),
  changeCheckOut: (stayId: string, checkOutAt: string) =>
    api<Stay>(`/api/v1/stays/${id(stayId)}`, { method: 'PATCH', body: { checkOutAt } }),
  checkOut: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/check-out`, { method: 'POST' }),
  endGuestAccess: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/end-access`, { method: 'POST' }),
};

/** Cache keys of stays: its queries and the invalidations that match them. */
export const staysKeys = {
  stays: ['staff', 'stays'] as const,
  stay: (stayId: string) => ['staff', 'stay', stayId] as const,
};
