import { useQuery } from '@tanstack/react-query';
import { keys, staffApi } from './api';

/** The organization's staff (names for presence, transfer targets); desk roles and admins may list it. */
export function useStaffList(enabled = true) {
  return useQuery({ queryKey: keys.staff, queryFn: staffApi.staff, enabled, staleTime: 60_000 });
}
