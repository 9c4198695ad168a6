import type { StaySummaryOptIn } from '@frontdesk/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const path = '/api/v1/guest/stay-summary';
const key = ['guest', 'stay-summary'] as const;

/** Whether the guest asked for the summary e-mail, and where to; no data when the route refuses (not a live stay). */
export function useStaySummary() {
  return useQuery({ queryKey: key, queryFn: () => api<StaySummaryOptIn>(path), retry: false });
}

/** Opts in with an address, or out with null (the server forgets the address). */
export function useSaveStaySummary() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (address: string | null) =>
      address === null
        ? api<StaySummaryOptIn>(path, { method: 'DELETE' })
        : api<StaySummaryOptIn>(path, { method: 'PUT', body: { email: address } }),
    onSuccess: (answer) => client.setQueryData(key, answer),
  });
}
