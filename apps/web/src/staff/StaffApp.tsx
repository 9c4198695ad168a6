import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { config as configureZod } from 'zod';
import { addTranslations, setLanguage } from '../i18n';
import { LoadingState, NotFoundState } from '../ui/states';
import { RequireSignIn, useCurrentUser } from './auth/session';
import { staffErrorStrings } from './error-strings';
import { homePath, staffFeatures } from './features';
import { authRoutes } from './features/auth';
import { type AbilityRule, allows, type FeatureRoute } from './features/feature';
import { savedLanguage } from './language';
import { StaffShell } from './layout/StaffShell';
import { staffStrings } from './strings';
import { staffCssVariables, staffTheme } from './theme';

addTranslations('staff', staffStrings);
addTranslations('staffErrors', staffErrorStrings);
// Zod (in the protocol schemas some staff pages load) probes whether it may compile parsers with
// `new Function`: the Content-Security-Policy refuses that and reports a violation even though Zod
// catches the error, so it is told not to try. (The guest's pages load no Zod.)
configureZod({ jitless: true });
const preferred = savedLanguage();
if (preferred) setLanguage(preferred);

/**
 * The staff surface under /app: sign-in and set-password, then the signed-in shell with the pages
 * of every feature (features/index.ts), each shown only to whom the server grants its ability.
 * Mantine lives only in this chunk; pages few people open are chunks of their own.
 */
export function StaffApp() {
  return (
    <MantineProvider theme={staffTheme} cssVariablesResolver={staffCssVariables}>
      <Notifications position="bottom-left" className="fd-toasts" containerWidth={320} />
      <Suspense fallback={<LoadingState />}>
        <Routes>
          {authRoutes.map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
          <Route
            element={
              <RequireSignIn>
                <StaffShell />
              </RequireSignIn>
            }
          >
            {staffFeatures.flatMap((feature) => feature.routes.map((route) => featureRoute(feature.name, route)))}
            <Route path="*" element={<NotFoundState />} />
          </Route>
        </Routes>
      </Suspense>
    </MantineProvider>
  );
}

/** One feature page as a route, behind its ability. */
function featureRoute(feature: string, route: FeatureRoute) {
  const element = <Allowed rule={route.ability}>{route.element}</Allowed>;
  return route.path === undefined ? (
    <Route key={`${feature}:index`} index element={element} />
  ) : (
    <Route key={`${feature}:${route.path}`} path={route.path} element={element} />
  );
}

/** A page for those the server grants its ability: everyone else goes to their first page. */
function Allowed({ rule, children }: { rule: AbilityRule; children: ReactNode }) {
  const user = useCurrentUser();
  if (!allows(user, rule)) return <Navigate to={homePath(user)} replace />;
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}
