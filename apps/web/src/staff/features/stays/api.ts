import { api } from '../../../api/client';
import { id, query } from '../../api-url';
import type { GuestDetails, Stay, StayFilter } from '../../types';

/** Stays: check-in, guests, check-out time, check-out, ending access; one stay and the list's keys are shared. */
export const staysApi = {
  stays: (status: StayFilter, q?: string) => api<Stay[]>(`/api/v1/stays${query({ status, q })}`),
  checkIn: (input: { roomId: string; checkOutAt: string; guest: GuestDetails }) =>
    api<Stay>('/api/v1/stays', { body: input }),
  addGuest: (stayId: string, guest: GuestDetails) => api<Stay>(`/api/v1/stays/${id(stayId)}/guests`, { body: guest }),
  changeCheckOut: (stayId: string, checkOutAt: string) =>
    api<Stay>(`/api/v1/stays/${id(stayId)}`, { method: 'PATCH', body: { checkOutAt } }),
  checkOut: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/check-out`, { method: 'POST' }),
  endGuestAccess: (stayId: string) => api<Stay>(`/api/v1/stays/${id(stayId)}/end-access`, { method: 'POST' }),
};
