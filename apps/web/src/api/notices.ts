import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Notice, NoticeList } from './generated';
import type { Id } from './types';

export type { Notice };

export const useNotices = () =>
  useQuery({
    queryKey: ['notices'],
    queryFn: () => api.get<NoticeList>('/api/notices'),
  });

export const publishNotice = (body: {
  communityId: Id;
  title: string;
  body: string;
  publishAt?: string;
  expireAt?: string;
}) => api.post<Notice>('/api/notices', body);

export const withdrawNotice = (id: Id) => api.post<Notice>(`/api/notices/${id}/withdraw`, {});
