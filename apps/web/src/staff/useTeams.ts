import { useQuery } from '@tanstack/react-query';
import { sharedApi, sharedKeys } from './shared-api';

/** The organization's teams (targets for reply deadlines, hand-over); admins and the desk may list them. */
export function useTeams(enabled = true) {
  return useQuery({ queryKey: sharedKeys.teams, queryFn: sharedApi.teams, enabled, staleTime: 60_000 });
}
