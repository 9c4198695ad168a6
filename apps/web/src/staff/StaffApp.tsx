import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { addTranslations, setLanguage } from '../i18n';
import { LoadingState, NotFoundState } from '../ui/states';
import type { Abilities } from './api';
import { homePath } from './auth/home';
import { RequireSignIn, useCurrentUser } from './auth/session';
import { AccountPage } from './features/account/AccountPage';
import { adminAbilities } from './features/admin/sections';
import { LoginPage } from './features/auth/LoginPage';
import { SetPasswordPage } from './features/auth/SetPasswordPage';
import { InboxPage } from './features/inbox/InboxPage';
import { savedLanguage } from './language';
import { StaffShell } from './layout/StaffShell';
import { staffStrings } from './strings';
import { staffCssVariables, staffTheme } from './theme';

addTranslations('staff', staffStrings);
const preferred = savedLanguage();
if (preferred) setLanguage(preferred);

// Pages few people open are chunks of their own inside the staff surface (never the guest's).
const StaysPage = lazy(async () => ({ default: (await import('./features/stays/StaysPage')).StaysPage }));
const AdminPage = lazy(async () => ({ default: (await import('./features/admin/AdminPage')).AdminPage }));
const PlatformPage = lazy(async () => ({ default: (await import('./features/platform/PlatformPage')).PlatformPage }));

/**
 * The staff surface under /app: sign-in, the live inbox, check-in/out, account, and the admin and
 * platform pages, each shown only to the roles that may use it. Mantine lives only in this chunk.
 */
export function StaffApp() {
  return (
    <MantineProvider theme={staffTheme} cssVariablesResolver={staffCssVariables}>
      <Notifications position="bottom-left" className="fd-toasts" containerWidth={320} />
      <Suspense fallback={<LoadingState />}>
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route path="set-password" element={<SetPasswordPage />} />
          <Route
            element={
              <RequireSignIn>
                <StaffShell />
              </RequireSignIn>
            }
          >
            <Route
              index
              element={
                <Allowed ability="inbox">
                  <InboxPage />
                </Allowed>
              }
            />
            <Route
              path="stays"
              element={
                <Allowed ability="stays">
                  <StaysPage />
                </Allowed>
              }
            />
            <Route
              path="admin/*"
              element={
                <Allowed ability={adminAbilities}>
                  <AdminPage />
                </Allowed>
              }
            />
            <Route
              path="platform"
              element={
                <Allowed ability="platform">
                  <PlatformPage />
                </Allowed>
              }
            />
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundState />} />
          </Route>
        </Routes>
      </Suspense>
    </MantineProvider>
  );
}

/** A page for those the server grants one of its abilities: everyone else goes to their first page. */
function Allowed({
  ability,
  children,
}: {
  ability: keyof Abilities | readonly (keyof Abilities)[];
  children: ReactNode;
}) {
  const user = useCurrentUser();
  const anyOf = typeof ability === 'string' ? [ability] : ability;
  if (!anyOf.some((a) => user.abilities[a])) return <Navigate to={homePath(user)} replace />;
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}
