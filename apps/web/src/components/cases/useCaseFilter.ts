import { useSearchParams } from 'react-router-dom';
import type { CaseFilter } from '../../api/cases';

export type FilterChanges = Record<string, string | number | undefined>;

/** Filters of a case list live in the URL, so that a link or a reload keeps them. */
export function useCaseFilter(
  view: CaseFilter['view'],
): [CaseFilter, (changes: FilterChanges, resetPage?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const filter: CaseFilter = {
    view,
    state: params.get('state') ?? undefined,
    categoryCode: params.get('categoryCode') ?? undefined,
    within: params.get('within') ?? undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    source: params.get('source') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(200, Math.max(10, Number(params.get('pageSize')) || 20)),
  };
  const update = (changes: FilterChanges, resetPage = true) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return [filter, update];
}
