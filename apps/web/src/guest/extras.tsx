import type { GuestSession, PublicOrganization } from '../api/types';
import { NotifyPrompt } from './notify/NotifyPrompt';
import { QuickActions } from './quick/QuickActions';
import { CustomerRequests } from './requests/CustomerRequests';

/**
 * What the chat page shows above the conversation, loaded after the first paint (one lazy chunk
 * keeps the first load small): the offer to be notified of replies, a customer's request forms, or a
 * hotel guest's greeting and quick requests — each a short bar, so a phone's screen stays the thread's.
 */
export function ChatExtras({ session, org }: { session: GuestSession; org: PublicOrganization }) {
  return (
    <>
      <NotifyPrompt stayKey={session.stay?.id ?? session.guest.id} />
      {session.kind === 'visitor' ? <CustomerRequests timeZone={org.timezone} /> : <QuickActions session={session} />}
    </>
  );
}
