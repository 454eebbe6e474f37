import { QueryClient, replaceEqualDeep } from '@tanstack/react-query';
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

const versionOf = (data: unknown): number | undefined =>
  typeof data === 'object' && data !== null && typeof (data as { version?: unknown }).version === 'number'
    ? (data as { version: number }).version
    : undefined;

/**
 * structuralSharing for a versioned record: a read that started before an action committed may
 * answer after the action's own result was cached; its older version must not put the old state
 * and buttons back (the next action would then send a stale version and be refused).
 */
export function keepNewerVersion(previous: unknown, next: unknown): unknown {
  const before = versionOf(previous);
  const after = versionOf(next);
  if (before !== undefined && after !== undefined && after < before) return previous;
  return replaceEqualDeep(previous, next);
}
