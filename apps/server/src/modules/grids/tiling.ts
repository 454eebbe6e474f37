import { checkTiling, type Geometry } from '@wangge/rules';

export type IssueRule =
  | 'invalid_feature'
  | 'invalid_code'
  | 'unknown_community'
  | 'duplicate_code'
  | 'invalid_geometry'
  | 'self_intersection'
  | 'outside_community'
  | 'overlap'
  | 'coverage_gap';

export interface ImportIssue {
  featureIndex: number | null;
  code: string | null;
  severity: 'error' | 'warning';
  rule: IssueRule;
  message: string;
}

export interface TilingPart {
  code: string;
  geometry: Geometry;
  /** Null for grids already in the database that the change leaves as they are. */
  featureIndex: number | null;
}

/**
 * The registry's rules for one community after a change: every grid inside the community,
 * no two overlapping, no gaps. Issues name the features of the change where they can.
 */
export function checkCommunity(options: {
  communityCode: string;
  container: Geometry | null;
  parts: TilingPart[];
  gapSeverity: 'error' | 'warning';
}): ImportIssue[] {
  const byCode = new Map(options.parts.map((p) => [p.code, p]));
  const issues: ImportIssue[] = [];
  const found = checkTiling({
    container: options.container,
    parts: options.parts.map((p) => ({ key: p.code, geometry: p.geometry })),
  });
  for (const issue of found) {
    const area = `${Math.round(issue.areaM2)} m²`;
    if (issue.rule === 'outside_container') {
      const code = issue.keys[0] ?? null;
      issues.push({
        featureIndex: byCode.get(code ?? '')?.featureIndex ?? null,
        code,
        severity: 'error',
        rule: 'outside_community',
        message: `网格 ${code} 超出所属社区 ${options.communityCode} 边界 ${area} (grid extends outside its community)`,
      });
    } else if (issue.rule === 'overlap') {
      const [a, b] = issue.keys;
      // Report against the changed feature; two unchanged grids overlapping is not this change's fault.
      const changed = [a, b].map((k) => byCode.get(k ?? '')).find((p) => p?.featureIndex !== null);
      issues.push({
        featureIndex: changed?.featureIndex ?? null,
        code: changed?.code ?? a ?? null,
        severity: 'error',
        rule: 'overlap',
        message: `网格 ${a} 与 ${b} 重叠 ${area} (grids overlap)`,
      });
    } else {
      issues.push({
        featureIndex: null,
        code: options.communityCode,
        severity: options.gapSeverity,
        rule: 'coverage_gap',
        message: `社区 ${options.communityCode} 有 ${area} 未被网格覆盖 (gap in the community's coverage)`,
      });
    }
  }
  return issues;
}
