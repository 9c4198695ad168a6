import { useEffect, useState, useSyncExternalStore } from 'react';
import { connectSocket } from '../../api/socket';
import { type ChatSnapshot, GuestChatStore } from './chat-store';

/** One live chat connection for as long as the component stays mounted with the same `key`. */
export function useGuestChatStore(key: string): GuestChatStore | null {
  const [store, setStore] = useState<GuestChatStore | null>(null);
  useEffect(() => {
    void key;
    const created = new GuestChatStore(connectSocket('guest'));
    setStore(created);
    return () => {
      created.close();
      setStore(null);
    };
  }, [key]);
  return store;
}

export function useChatSnapshot(store: GuestChatStore): ChatSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** True once `flag` has stayed true for `ms`: spares a flash of "Connecting…" on a fast start. */
export function useDelayed(flag: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(timer);
  }, [flag, ms]);
  return shown;
}
