import { useCallback, useEffect, useRef } from 'react';
import { useDeskStore } from '../../desk/desk-context';

/**
 * Marks messages read as they come into view while the tab is visible: returns a ref callback for
 * message elements (which carry data-seq), and sends `message:read` for the highest seq seen.
 */
export function useReadMarker(conversationId: string): (element: HTMLElement | null) => (() => void) | undefined {
  const store = useDeskStore();
  const observer = useRef<IntersectionObserver | null>(null);
  const visible = useRef(new Set<HTMLElement>());

  const flush = useCallback(() => {
    if (document.visibilityState !== 'visible' || !store) return;
    let highest = 0;
    for (const el of visible.current) highest = Math.max(highest, Number(el.dataset.seq) || 0);
    if (highest) store.markRead(conversationId, highest);
  }, [store, conversationId]);

  useEffect(() => {
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('focus', flush);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('focus', flush);
      observer.current?.disconnect();
      observer.current = null;
      visible.current.clear();
    };
  }, [flush]);

  return useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      observer.current ??= new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) visible.current.add(entry.target as HTMLElement);
            else visible.current.delete(entry.target as HTMLElement);
          }
          flush();
        },
        { threshold: 0.5 },
      );
      observer.current.observe(element);
      return () => {
        observer.current?.unobserve(element);
        visible.current.delete(element);
      };
    },
    [flush],
  );
}
