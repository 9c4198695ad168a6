import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './errors';

/** One cache for the whole app; refusals (4xx) are answers, not hiccups, so they are not retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 2,
    },
  },
});
