import { api } from '../../../api/client';
import type { CurrentUser, LoginResponse } from '../../api';

/** Signing in and out, who is signed in, set-password links. */
export const authApi = {
  login: (email: string, password: string) => api<LoginResponse>('/api/v1/auth/login', { body: { email, password } }),
  logout: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
  me: () => api<CurrentUser>('/api/v1/auth/me'),
  setPassword: (token: string, password: string) =>
    api<void>('/api/v1/auth/set-password', { body: { token, password } }),
};

/** Cache keys of auth: its queries and the invalidations that match them. */
export const authKeys = {
  me: ['staff', 'me'] as const,
};
