// Excel import and export of the registers: templates, uploads (dry run by default), the polled
// import job, and the scoped, masked export downloads.
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { RegisterImportJob } from './generated';
import type { Id } from './types';

export type ImportRegister = 'addresses' | 'people' | 'houses' | 'units';
export const IMPORT_REGISTERS: readonly ImportRegister[] = ['addresses', 'people', 'houses', 'units'];

/** A bad row of an import: its Excel row number, the column's header, the field and why. */
export type ImportRowError = RegisterImportJob['errors'][number];

/** The polled import job (registers/import): progress, counts and the first 10,000 bad rows. */
export type ImportJob = RegisterImportJob & { register: ImportRegister };

export const importKeys = {
  job: (id: Id) => ['registers', 'import', id] as const,
};

export const templateUrl = (register: ImportRegister) => `/api/registers/templates/${register}.xlsx`;

export const exportUrl = (register: ImportRegister, within?: Id) =>
  withQuery(`/api/registers/export/${register}.xlsx`, { within });

/** Small files answer finished (200); big ones answer running (202) and are polled. */
export function uploadImport(register: ImportRegister, file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<ImportJob>(`/api/registers/import/${register}`, form, { dryRun });
}

/** The job as last seen; polled every second while it runs. */
export function useImportJob(id: Id | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: () => api.get<ImportJob>(`/api/registers/imports/${id}`),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}
