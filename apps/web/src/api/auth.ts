import { useQuery } from '@tanstack/react-query';
import { api, isApiError, request, setCsrfToken } from './client';
import type { ApiToken, AppConfig, CreatedToken, Items, Me, MySession, Session } from './types';

export const meKey = ['auth', 'me'] as const;

/** The current session, or null when there is none (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/me', undefined, true);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The signed-in user; only call below the auth guard. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() called outside of an authenticated route');
  return data.user;
}

/** Whether the user holds the permission, or any of several. */
export function hasPermission(me: Me | null | undefined, permission: string | readonly string[]): boolean {
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((p) => !!me?.permissions.includes(p));
}

export async function login(username: string, password: string): Promise<Session> {
  const session = await request<Session>('POST', '/api/auth/login', {
    body: { username, password },
    quiet401: true,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

/** Sets a password of one's own; the server ends the user's other sessions. */
export const changePassword = (currentPassword: string, password: string) =>
  api.post<void>('/api/auth/password', { currentPassword, password });

export function useConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: () => api.get<AppConfig>('/api/config', undefined, true),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const tokensKey = ['auth', 'tokens'] as const;

export async function listTokens(): Promise<ApiToken[]> {
  const body = await api.get<Items<ApiToken> | ApiToken[]>('/api/auth/tokens');
  return Array.isArray(body) ? body : body.items;
}

export const createToken = (name: string, expiresInDays?: number) =>
  api.post<CreatedToken>('/api/auth/tokens', expiresInDays ? { name, expiresInDays } : { name });

export const revokeToken = (id: string) => api.delete(`/api/auth/tokens/${id}`);

export const sessionsKey = ['auth', 'sessions'] as const;

export async function listSessions(): Promise<MySession[]> {
  return (await api.get<Items<MySession>>('/api/auth/sessions')).items;
}

export const endSession = (id: string) => api.delete(`/api/auth/sessions/${id}`);

export const endOtherSessions = () => api.post<void>('/api/auth/sessions/revoke-others');
