import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { ErrorState, LoadingState } from '../../ui/states';
import { sharedApi, sharedKeys } from '../shared-api';
import type { CurrentUser } from '../types';

const sessionEndingCodes = new Set(['unauthenticated', 'session_expired', 'account_inactive']);

/** True for an error that means "nobody is signed in (any more)". */
export function isSignedOut(err: unknown): boolean {
  return err instanceof ApiError && sessionEndingCodes.has(err.code);
}

export function useMe() {
  return useQuery({ queryKey: sharedKeys.me, queryFn: sharedApi.me, staleTime: Number.POSITIVE_INFINITY });
}

const CurrentUserContext = createContext<CurrentUser | null>(null);

/**
 * The signed-in staff member; only for components under `RequireSignIn`. Read from context, not
 * the query, so pages that are on their way out after a sign-out never render without a user.
 */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside RequireSignIn');
  return user;
}

/** The organization's time zone: staff pages show every time on the hotel's clock. */
export function useTimeZone(): string | undefined {
  return useContext(CurrentUserContext)?.organization?.timezone ?? undefined;
}

/** The login address that brings the user back to where they were. */
export function loginPath(next?: string, reason?: string): string {
  const search = new URLSearchParams();
  if (next && next !== '/app' && next.startsWith('/app')) search.set('next', next);
  if (reason) search.set('reason', reason);
  const text = search.toString();
  return `/app/login${text ? `?${text}` : ''}`;
}

/** Renders its children once someone is signed in; sends everyone else to the login page. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    if (isSignedOut(me.error)) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}

/**
 * Watches every request of the staff app: a 401 anywhere (the session expired, was revoked, or the
 * account was deactivated) clears the staff cache and goes to the login page.
 */
export function useSignOutOn401(): (reason?: string) => void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const signedOut = (reason?: string) => {
    queryClient.removeQueries({ queryKey: ['staff'] });
    navigate(loginPath(location.pathname + location.search, reason), { replace: true });
  };
  useEffect(() => {
    const check = (error: unknown) => {
      if (isSignedOut(error) && window.location.pathname !== '/app/login') {
        queryClient.removeQueries({ queryKey: ['staff'] });
        const here = window.location.pathname + window.location.search;
        navigate(loginPath(here, (error as ApiError).code), { replace: true });
      }
    };
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') check(event.action.error);
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') check(event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [queryClient, navigate]);
  return signedOut;
}

/** Ends the session on the server, forgets everything cached, and shows the login page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: sharedApi.logout,
    onSettled: () => {
      queryClient.removeQueries({ queryKey: ['staff'] });
      navigate('/app/login', { replace: true });
    },
  });
}
