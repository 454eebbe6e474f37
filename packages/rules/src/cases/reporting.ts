// What a caller may choose when reporting a case. A resident holds cases.report without
// cases.read: its cases come from the resident app (or a citizen app speaking Open311 with a
// resident's key), and a resident never closes a case on the spot (自处理), which is a grid
// worker's first-hand handling.
import type { CaseSource } from '../labels/cases.ts';

export interface ReportChoices {
  /** The sources the caller may name; null: any. */
  readonly sources: readonly CaseSource[] | null;
  readonly selfHandling: boolean;
}

export function reportChoicesFor(permissions: Iterable<string>): ReportChoices {
  const held = new Set(permissions);
  if (!held.has('cases.read')) return { sources: ['resident_app', 'open311'], selfHandling: false };
  return { sources: null, selfHandling: true };
}
