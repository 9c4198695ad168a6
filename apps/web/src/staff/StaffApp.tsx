import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { config as configureZod } from 'zod';
import { addTranslations, setLanguage } from '../i18n';
import { LoadingState, NotFoundState } from '../ui/states';
import { AccountPage } from './account/AccountPage';
import { LoginPage } from './auth/LoginPage';
import { SetPasswordPage } from './auth/SetPasswordPage';
import { RequireSignIn, useCurrentUser } from './auth/session';
import { InboxPage } from './inbox/InboxPage';
import { savedLanguage } from './language';
import { StaffShell } from './layout/StaffShell';
import { type Abilities, abilitiesOf, homePath } from './roles';
import { staffStrings } from './strings';
import { staffCssVariables, staffTheme } from './theme';

addTranslations('staff', staffStrings);
// Zod (in the protocol schemas some staff pages load) probes whether it may compile parsers with
// `new Function`: the Content-Security-Policy refuses that and reports a violation even though Zod
// catches the error, so it is told not to try. (The guest's pages load no Zod.)
configureZod({ jitless: true });
const preferred = savedLanguage();
if (preferred) setLanguage(preferred);

// Pages few people open are chunks of their own inside the staff surface (never the guest's).
const StaysPage = lazy(async () => ({ default: (await import('./stays/StaysPage')).StaysPage }));
const AdminPage = lazy(async () => ({ default: (await import('./admin/AdminPage')).AdminPage }));
const PlatformPage = lazy(async () => ({ default: (await import('./platform/PlatformPage')).PlatformPage }));

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
                <Allowed ability="desk">
                  <InboxPage />
                </Allowed>
              }
            />
            <Route
              path="stays"
              element={
                <Allowed ability="desk">
                  <StaysPage />
                </Allowed>
              }
            />
            <Route
              path="admin/*"
              element={
                <Allowed ability="admin">
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

/** A page for some roles only: everyone else goes to the first page their role uses. */
function Allowed({ ability, children }: { ability: keyof Abilities; children: ReactNode }) {
  const user = useCurrentUser();
  if (!abilitiesOf(user)[ability]) return <Navigate to={homePath(user)} replace />;
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}
