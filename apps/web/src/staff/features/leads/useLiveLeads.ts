import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDeskStore } from '../../desk/desk-context';
import { LEADS_PAGE } from './api';
import { applyLiveLead } from './live-leads';

/** Keeps the cached leads in step with the desk's socket while a leads page is open: no reload needed. */
export function useLiveLeads(): void {
  const store = useDeskStore();
  const queryClient = useQueryClient();
  useEffect(() => store?.onLead((lead) => applyLiveLead(queryClient, lead, LEADS_PAGE)), [store, queryClient]);
}
