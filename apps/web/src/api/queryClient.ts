import { QueryClient } from '@tanstack/react-query';
import { meKey } from './auth';
import { isApiError, onUnauthorized } from './client';

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  // Any 401 means the session is gone: dropping it sends the auth guard to /login.
  onUnauthorized(() => {
    client.setQueryData(meKey, null);
  });
  return client;
}
