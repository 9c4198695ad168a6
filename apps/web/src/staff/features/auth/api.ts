import { api } from '../../../api/client';
import type { LoginResponse } from '../../types';

/** Signing in and set-password links; who is signed in and signing out are shared (shared-api.ts). */
export const authApi = {
  login: (email: string, password: string) => api<LoginResponse>('/api/v1/auth/login', { body: { email, password } }),
  setPassword: (token: string, password: string) =>
    api<void>('/api/v1/auth/set-password', { body: { token, password } }),
};
