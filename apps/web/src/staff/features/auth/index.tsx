import { LoginPage } from './LoginPage';
import { SetPasswordPage } from './SetPasswordPage';

/** Pages for those not signed in, outside the shell: sign-in and the set-password link. */
export const authRoutes = [
  { path: 'login', element: <LoginPage /> },
  { path: 'set-password', element: <SetPasswordPage /> },
] as const;
