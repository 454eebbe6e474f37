// docs/case-loop.md shows the state machine as tables for newcomers; keep them true to the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_RELATIONS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  isOpenState,
  STEP_OF_STATE,
} from '../src/index.ts';

const doc = readFileSync(new URL('../../../docs/case-loop.md', import.meta.url), 'utf8');
const rows = new Set(doc.split('\n').filter((line) => line.startsWith('| `')));

describe('docs/case-loop.md', () => {
  it('has one true row per action', () => {
    for (const action of CASE_ACTIONS) {
      const t = CASE_TRANSITIONS[action];
      const row = `| \`${action}\` | ${CASE_ACTION_LABELS[action].zh} | ${t.from.join(', ')} | ${t.to ?? '(unchanged)'} | ${t.by.join(', ')} | ${(t.needs ?? []).join(', ') || '—'} |`;
      expect(rows.has(row), row).toBe(true);
    }
  });

  it('has one true row per state', () => {
    for (const state of CASE_STATES) {
      const row = `| \`${state}\` | ${CASE_STATE_LABELS[state].zh} | ${isOpenState(state) ? 'yes' : 'no'} | ${STEP_OF_STATE[state] ?? '—'} | ${allowedActions(state, CASE_RELATIONS).join(', ') || '—'} |`;
      expect(rows.has(row), row).toBe(true);
    }
  });

  it('describes every relation', () => {
    for (const relation of CASE_RELATIONS) expect(doc).toContain(`| \`${relation}\` |`);
  });
});
