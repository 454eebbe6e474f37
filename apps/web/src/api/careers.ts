import { useQuery } from '@tanstack/react-query';
import type { PromotionAction, YearRating } from '@wangge/rules';
import { api } from './client';
import type {
  CareerOverview,
  PayLadderList,
  Promotion,
  TrainingCourseDetail,
  TrainingCourseList,
  TrainingHours,
  WorkerCareer,
  YearRatingItem,
} from './generated';
import type { Id } from './types';

export type {
  CareerOverview,
  PayLadderList,
  Promotion,
  TrainingCourseDetail,
  TrainingHours,
  WorkerCareer,
  YearRatingItem,
};

export const careerKeys = { all: ['careers'] as const, training: ['training'] as const };

export const useCareers = () =>
  useQuery({
    queryKey: [...careerKeys.all, 'overview'],
    queryFn: () => api.get<CareerOverview>('/api/careers'),
  });

export const useLadder = (unitId?: Id) =>
  useQuery({
    queryKey: [...careerKeys.all, 'ladder', unitId ?? null],
    queryFn: () => api.get<PayLadderList>(`/api/careers/ladder${unitId ? `?unitId=${unitId}` : ''}`),
  });

export const useWorkerCareer = (id: Id | null) =>
  useQuery({
    queryKey: [...careerKeys.all, 'worker', id],
    queryFn: () => api.get<WorkerCareer>(`/api/careers/workers/${id}`),
    enabled: Boolean(id),
  });

export const saveLadder = (body: { unitId: Id; effectiveFrom: string; payFen: number[]; note?: string }) =>
  api.post<PayLadderList>('/api/careers/ladder', body);

export const confirmRating = (body: { userId: Id; year: number; rating: YearRating; reason?: string }) =>
  api.post<{ rating: YearRatingItem; promotion: Promotion | null }>('/api/careers/ratings/confirm', body);

export const actOnPromotion = (p: { id: Id; version: number }, action: PromotionAction, reason?: string) =>
  api.post<Promotion>(`/api/careers/promotions/${p.id}/actions/${action}`, { version: p.version, reason });

export const useCourses = () =>
  useQuery({
    queryKey: [...careerKeys.training, 'courses'],
    queryFn: () => api.get<TrainingCourseList>('/api/training/courses'),
  });

export const useCourse = (id: Id | null) =>
  useQuery({
    queryKey: [...careerKeys.training, 'course', id],
    queryFn: () => api.get<TrainingCourseDetail>(`/api/training/courses/${id}`),
    enabled: Boolean(id),
  });

export const useTrainingHours = (year: number) =>
  useQuery({
    queryKey: [...careerKeys.training, 'hours', year],
    queryFn: () => api.get<TrainingHours>(`/api/training/hours?year=${year}`),
  });
