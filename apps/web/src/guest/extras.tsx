import { lazy, Suspense } from 'react';
import type { GuestSession, PublicOrganization } from '../api/types';
import { NotifyPrompt } from './notify/NotifyPrompt';
import { QuickActions } from './quick/QuickActions';
import { CustomerRequests } from './requests/CustomerRequests';

// a chunk of its own: most guests never open it
const StaySummaryForm = lazy(async () => ({ default: (await import('./summary/StaySummaryForm')).StaySummaryForm }));

/**
 * What the chat page shows above the conversation, loaded after the first paint (one lazy chunk
 * keeps the first load small): the offer to be notified of replies, a customer's request forms, or a
 * hotel guest's greeting and quick requests, and on a live stay "Email me a summary after my stay".
 */
export function ChatExtras({ session, org }: { session: GuestSession; org: PublicOrganization }) {
  return (
    <>
      <NotifyPrompt />
      {session.kind === 'visitor' ? <CustomerRequests timeZone={org.timezone} /> : <QuickActions session={session} />}
      {session.kind !== 'visitor' && session.access === 'active' ? (
        <Suspense fallback={null}>
          <StaySummaryForm />
        </Suspense>
      ) : null}
    </>
  );
}
