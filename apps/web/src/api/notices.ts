import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Id } from './types';

export interface Notice {
  id: Id;
  community: { id: Id; name: string };
  title: string;
  body: string;
  publishAt: string;
  expireAt: string | null;
  state: string;
}

export const useNotices = () =>
  useQuery({
    queryKey: ['notices'],
    queryFn: () => api.get<{ items: Notice[]; communities: { id: Id; name: string }[] }>('/api/notices'),
  });

export const publishNotice = (body: {
  communityId: Id;
  title: string;
  body: string;
  publishAt?: string;
  expireAt?: string;
}) => api.post<Notice>('/api/notices', body);

export const withdrawNotice = (id: Id) => api.post<Notice>(`/api/notices/${id}/withdraw`, {});
