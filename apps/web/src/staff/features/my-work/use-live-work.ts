import { serverEvents } from '@frontdesk/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { connectSocket } from '../../../api/socket';
import { useDeskStore } from '../../desk/desk-context';
import { myWorkKeys } from './api';

/**
 * Keeps My work current without a reload: the desk's socket tells of changed items; field staff
 * have no desk, so the page opens its own staff socket. Any change (or a reconnect, after which
 * changes may have been missed) loads the day again.
 */
export function useLiveWork(): void {
  const store = useDeskStore();
  const queryClient = useQueryClient();
  useEffect(() => {
    const reload = () => void queryClient.invalidateQueries({ queryKey: myWorkKeys.all });
    if (store) return store.onWorkItem(reload);
    const socket = connectSocket('staff');
    let connectedOnce = false;
    socket.on('connect', () => {
      if (connectedOnce) reload();
      connectedOnce = true;
    });
    socket.on(serverEvents.workItem, reload);
    socket.on(serverEvents.workItemGone, reload);
    return () => {
      socket.close();
    };
  }, [store, queryClient]);
}
