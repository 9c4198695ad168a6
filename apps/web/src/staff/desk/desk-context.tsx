import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { connectSocket } from '../../api/socket';
import { type DeskSnapshot, DeskStore } from './desk-store';

const DeskContext = createContext<DeskStore | null>(null);

/**
 * Opens the staff socket (cookie auth, same origin) for the signed-in desk member and keeps one
 * DeskStore for the whole staff app, so the inbox, the stays page and the alerts share it.
 */
export function DeskProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [store, setStore] = useState<DeskStore | null>(null);
  useEffect(() => {
    const created = new DeskStore(connectSocket('staff'), userId);
    setStore(created);
    return () => {
      created.close();
      setStore(null);
    };
  }, [userId]);
  return <DeskContext.Provider value={store}>{children}</DeskContext.Provider>;
}

/** The desk store, or null outside the desk (platform and field accounts) and before it opens. */
export function useDeskStore(): DeskStore | null {
  return useContext(DeskContext);
}

const noop = () => () => {};
const none = () => null;

/** The desk's current snapshot (re-rendering on every change), or null without a desk. */
export function useDesk(): DeskSnapshot | null {
  const store = useDeskStore();
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? none);
}
