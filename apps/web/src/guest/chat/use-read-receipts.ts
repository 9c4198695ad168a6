import { useCallback, useEffect, useRef } from 'react';
import type { GuestChatStore } from './chat-store';

/**
 * Marks reception's messages read when they are actually on screen (and the tab is visible):
 * returns a ref callback for each message element, which carries data-conversation and data-seq.
 */
export function useReadReceipts(store: GuestChatStore): (element: HTMLElement | null) => (() => void) | undefined {
  const registered = useRef(new Set<HTMLElement>());
  const visible = useRef(new Set<HTMLElement>());
  const observer = useRef<IntersectionObserver | null>(null);

  const flush = useCallback(() => {
    if (document.visibilityState !== 'visible') return;
    const highest = new Map<string, number>();
    for (const element of visible.current) {
      const conversationId = element.dataset.conversation;
      const seq = Number(element.dataset.seq);
      if (conversationId && seq > (highest.get(conversationId) ?? 0)) highest.set(conversationId, seq);
    }
    for (const [conversationId, seq] of highest) store.markRead(conversationId, seq);
  }, [store]);

  const ensureObserver = useCallback(() => {
    observer.current ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const element = entry.target as HTMLElement;
          if (entry.isIntersecting) visible.current.add(element);
          else visible.current.delete(element);
        }
        flush();
      },
      { threshold: 0.6 },
    );
    return observer.current;
  }, [flush]);

  useEffect(() => {
    const current = ensureObserver();
    for (const element of registered.current) current.observe(element);
    document.addEventListener('visibilitychange', flush);
    // receipts that could not go out while offline go out on reconnect
    const unsubscribe = store.subscribe(flush);
    return () => {
      current.disconnect();
      observer.current = null;
      visible.current.clear();
      document.removeEventListener('visibilitychange', flush);
      unsubscribe();
    };
  }, [ensureObserver, flush, store]);

  return useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      registered.current.add(element);
      ensureObserver().observe(element);
      return () => {
        registered.current.delete(element);
        visible.current.delete(element);
        observer.current?.unobserve(element);
      };
    },
    [ensureObserver],
  );
}
