import { api } from '../../../api/client';
import type { CurrentUser } from '../../types';

/** The signed-in staff member’s own profile, photo and password. */
export const accountApi = {
  updateProfile: (change: { name?: string; motto?: string }) =>
    api<CurrentUser>('/api/v1/me', { method: 'PATCH', body: change }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('/api/v1/me/password', { body: { currentPassword, newPassword } }),
  uploadPhoto: (file: Blob) => api<CurrentUser>('/api/v1/me/photo', { method: 'PUT', file }),
  removePhoto: () => api<CurrentUser>('/api/v1/me/photo', { method: 'DELETE' }),
};
