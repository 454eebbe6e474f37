import type { TaskAction } from '@wangge/rules';
import { iso } from '../../http/schemas.ts';
import type { TaskRow } from './repository.ts';

export function presentTask(row: TaskRow, actions: readonly TaskAction[]) {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    version: row.version,
    title: row.title,
    instructions: row.instructions,
    assignee: { id: row.assignee_id, name: row.assignee_name },
    grid: { id: row.grid_id, name: row.grid_name },
    target: row.target_unit_id
      ? { type: 'unit' as const, id: row.target_unit_id, name: row.target_unit_name ?? '' }
      : row.target_case_id
        ? {
            type: 'case' as const,
            id: row.target_case_id,
            name: row.target_case_title ?? '',
            code: row.target_case_code ?? '',
          }
        : row.target_house_id
          ? { type: 'house' as const, id: row.target_house_id, name: '' }
          : row.route
            ? { type: 'route' as const, id: null, name: row.route }
            : null,
    dueDay: row.due_day,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: iso(row.created_at),
    done: row.done_at ? { at: iso(row.done_at), note: row.done_note ?? '' } : null,
    actions: [...actions],
  };
}

export type TaskView = ReturnType<typeof presentTask>;
