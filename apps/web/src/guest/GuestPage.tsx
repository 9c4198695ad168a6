import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { addTranslations } from '../i18n';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { CodeEntry } from './CodeEntry';
import { GuestChat } from './chat/GuestChat';
import { HotelClock } from './hotel-clock';
import { rememberGuestSlug } from './last-visit';
import { guestKeys, useGuestLanguage, useGuestSession, useOrganization, useSetGuestSession } from './queries';
import { guestStrings } from './strings';
import './guest.css';

addTranslations('guest', guestStrings);

/**
 * `/g/:slug?code=…&room=…` — the page a guest's QR code opens: the chat when this browser already
 * has a session with the hotel, else the code entry (sent at once when the link carries the code).
 */
export function GuestPage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation('guest');
  const queryClient = useQueryClient();
  const setSession = useSetGuestSession();
  const org = useOrganization(slug);
  const session = useGuestSession();
  const code = params.get('code');
  // a 401/410 means "not signed in (any more)"; anything else (offline, a server error) is worth a retry
  const signedOut = session.error instanceof ApiError && session.error.status >= 400 && session.error.status < 500;
  // a refetch that says the session is over wins over the session data cached before it (staff ended access)
  const ownSession = !signedOut && session.data?.organization.slug === slug ? session.data : undefined;
  // a new code for an ended stay (a returning guest) wins over the read-only session
  const chatSession = ownSession && !(code && ownSession.access === 'read_only') ? ownSession : undefined;
  useGuestLanguage(ownSession, org.data);

  useEffect(() => {
    if (org.data) rememberGuestSlug(org.data.slug);
  }, [org.data]);
  useEffect(() => {
    // the code has done its job; keep it out of the history and of a reload
    if (chatSession && code) setParams({}, { replace: true });
  }, [chatSession, code, setParams]);

  if (org.isPending || session.isPending) return <LoadingState />;
  if (org.isError) {
    return org.error instanceof ApiError && org.error.code === 'not_found' ? (
      <EmptyState title={t('org.notFound')} />
    ) : (
      <ErrorState error={org.error} onRetry={() => void org.refetch()} />
    );
  }
  if (session.isError && !signedOut) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (chatSession) {
    return (
      <HotelClock value={org.data.timezone}>
        <GuestChat
          session={chatSession}
          org={org.data}
          onSessionEnded={() => void queryClient.invalidateQueries({ queryKey: guestKeys.session })}
        />
      </HotelClock>
    );
  }
  const previousEnded = session.error instanceof ApiError && session.error.code === 'stay_ended';
  return (
    <CodeEntry
      key={code ?? ''}
      org={org.data}
      room={params.get('room')}
      initialCode={code}
      previousEnded={previousEnded && !code}
      // the old card's code opens nothing new; a phone still in its read-only grace keeps that view
      onStayEnded={ownSession ? () => setParams({}, { replace: true }) : undefined}
      onSignedIn={setSession}
    />
  );
}
