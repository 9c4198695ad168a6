import { useQuery } from '@tanstack/react-query';
import { sharedApi, sharedKeys } from './shared-api';

/** The organization's staff (names for presence, transfer targets); desk roles and admins may list it. */
export function useStaffList(enabled = true) {
  return useQuery({ queryKey: sharedKeys.staff, queryFn: sharedApi.staff, enabled, staleTime: 60_000 });
}
