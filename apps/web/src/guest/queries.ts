import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { guestApi } from '../api/guest';
import type { DeskStatus, GuestSession, PublicOrganization } from '../api/types';
import { setLanguage } from '../i18n';
import { browserLanguages, pickLanguage } from '../i18n/languages';

export const guestKeys = {
  organization: (slug: string) => ['guest', 'organization', slug] as const,
  session: ['guest', 'session'] as const,
  desk: ['guest', 'desk'] as const,
};

export function useOrganization(slug: string) {
  return useQuery({ queryKey: guestKeys.organization(slug), queryFn: () => guestApi.organization(slug) });
}

/** The guest's session if this browser has one (a 401 is an answer here: "not signed in"). */
export function useGuestSession() {
  return useQuery({ queryKey: guestKeys.session, queryFn: guestApi.session, retry: false, staleTime: 60_000 });
}

export function useSetGuestSession() {
  const queryClient = useQueryClient();
  return (session: GuestSession) => queryClient.setQueryData(guestKeys.session, session);
}

/** The stay's language when the guest has one, else the browser's, else the hotel's. */
export function useGuestLanguage(session: GuestSession | undefined, org: PublicOrganization | undefined): void {
  const language = pickLanguage(session?.guest.language, ...browserLanguages(), org?.language);
  useEffect(() => setLanguage(language), [language]);
}

/** The longest a browser timer waits (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether the desk answering the guest is open, starting from what the session said. Asked again
 * when the guest's current request changes (their first message went to a team, which may keep
 * other hours), when the server says a team's hours changed or the connection comes back, and just
 * after the desk's next opening or closing, so no page is left saying "away" once the desk is back.
 */
export function useGuestDesk(
  session: GuestSession,
  currentRequestId: string | null,
  /** Subscribes to news that the desk may have changed (hours edited, a reconnect); returns the unsubscribe. */
  watch: (changed: () => void) => () => void,
): DeskStatus {
  const query = useQuery({
    queryKey: guestKeys.desk,
    queryFn: guestApi.desk,
    initialData: session.desk,
    staleTime: 60_000,
  });
  const { refetch } = query;
  useEffect(() => {
    if (currentRequestId) void refetch();
  }, [currentRequestId, refetch]);
  useEffect(() => watch(() => void refetch()), [watch, refetch]);
  const next = query.data.open ? query.data.closesAt : query.data.opensAt;
  useEffect(() => {
    if (!next) return;
    const wait = Math.min(Math.max(Date.parse(next) - Date.now() + 1000, 1000), MAX_TIMER_MS);
    const timer = setTimeout(() => void refetch(), wait);
    return () => clearTimeout(timer);
  }, [next, refetch]);
  return query.data;
}
