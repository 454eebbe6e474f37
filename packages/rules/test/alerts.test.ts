import { describe, expect, it } from 'vitest';
import {
  ALERT_STATES,
  ALERT_WORKFLOW,
  actionsFor,
  label,
  missingNeeds,
  outsideTooLong,
  silentTooLong,
  stateAfter,
} from '../src/index.ts';

const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 8, min));

describe('ALERT_WORKFLOW', () => {
  it('raised → acknowledged (with a note) → closed; closed is final', () => {
    expect(actionsFor(ALERT_WORKFLOW, 'raised', ['watcher'])).toEqual(['acknowledge', 'close']);
    expect(actionsFor(ALERT_WORKFLOW, 'acknowledged', ['watcher'])).toEqual(['close']);
    expect(actionsFor(ALERT_WORKFLOW, 'closed', ['watcher'])).toEqual([]);
    expect(actionsFor(ALERT_WORKFLOW, 'raised', [])).toEqual([]);
    expect(stateAfter(ALERT_WORKFLOW, 'acknowledge', 'raised')).toBe('acknowledged');
    expect(stateAfter(ALERT_WORKFLOW, 'close', 'acknowledged')).toBe('closed');
    expect(() => stateAfter(ALERT_WORKFLOW, 'acknowledge', 'acknowledged')).toThrow(/not allowed/);
    expect(missingNeeds(ALERT_WORKFLOW, 'acknowledge', { note: '  ' })).toEqual(['note']);
    expect(missingNeeds(ALERT_WORKFLOW, 'acknowledge', { note: '已联系' })).toEqual([]);
    expect(ALERT_STATES.map((s) => label('alertState', s, 'zh'))).toEqual(['待处置', '已响应', '已关闭']);
  });
});

describe('silentTooLong', () => {
  it('counts from the last fix, or from the start of the shift when there is none after it', () => {
    expect(silentTooLong(at(0), at(0), at(14), 15)).toBe(false);
    expect(silentTooLong(at(0), at(0), at(15), 15)).toBe(true);
    expect(silentTooLong(null, at(10), at(24), 15)).toBe(false);
    expect(silentTooLong(null, at(10), at(25), 15)).toBe(true);
    // A fix from before the shift does not count as silence during it.
    expect(silentTooLong(at(0), at(30), at(40), 15)).toBe(false);
  });
});

describe('outsideTooLong', () => {
  it('is true once the run outside has lasted the limit', () => {
    expect(outsideTooLong(null, at(50), 30)).toBe(false);
    expect(outsideTooLong(at(20), at(49), 30)).toBe(false);
    expect(outsideTooLong(at(20), at(50), 30)).toBe(true);
  });
});
