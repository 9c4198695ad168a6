import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { guestApi } from '../api/guest';
import type { GuestSession, PublicOrganization } from '../api/types';
import { setLanguage } from '../i18n';
import { browserLanguages, pickLanguage } from '../i18n/languages';

export const guestKeys = {
  organization: (slug: string) => ['guest', 'organization', slug] as const,
  session: ['guest', 'session'] as const,
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
