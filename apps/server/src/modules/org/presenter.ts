import type { OrgNodeRow } from './repository.ts';

export function presentOrgNode(row: OrgNodeRow) {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    childCount: row.child_count,
  };
}
