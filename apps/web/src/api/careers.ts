import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PromotionAction, YearRating } from '@wangge/rules';
import { api } from './client';
import type {
  ApiRoutes,
  CareerOverview,
  PayLadderList,
  Promotion,
  TrainingCourse,
  TrainingCourseDetail,
  TrainingCourseList,
  TrainingHours,
  WorkerCareer,
  WorkerTraining,
  YearRatingItem,
} from './generated';
import type { Id } from './types';

export type LadderInput = ApiRoutes['POST /api/careers/ladder']['body'];
export type CourseInput = ApiRoutes['POST /api/training/courses']['body'];
export type SessionInput = ApiRoutes['POST /api/training/courses/{id}/sessions']['body'];
export type AttendanceInput = ApiRoutes['PUT /api/training/sessions/{id}/attendance']['body'];

export type {
  CareerOverview,
  PayLadderList,
  Promotion,
  TrainingCourseDetail,
  TrainingHours,
  WorkerCareer,
  WorkerTraining,
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

export const saveLadder = (body: LadderInput) => api.post<PayLadderList>('/api/careers/ladder', body);

/** A new version of the ladder; the ladder, the overview's pay and every worker's career follow. */
export function useSaveLadder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveLadder,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careerKeys.all }),
  });
}

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

/** Training writes: each one refreshes the courses, the course's sessions and the hours per worker. */
function useTrainingMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: careerKeys.training }),
  });
}

export const useCreateCourse = () =>
  useTrainingMutation((body: CourseInput) => api.post<TrainingCourse>('/api/training/courses', body));

export const useAddSession = () =>
  useTrainingMutation(({ courseId, ...body }: SessionInput & { courseId: Id }) =>
    api.post<{ id: Id }>(`/api/training/courses/${courseId}/sessions`, body),
  );

export const useRecordAttendance = () =>
  useTrainingMutation(({ sessionId, ...body }: AttendanceInput & { sessionId: Id }) =>
    api.put<{ recorded: number }>(`/api/training/sessions/${sessionId}/attendance`, body),
  );
