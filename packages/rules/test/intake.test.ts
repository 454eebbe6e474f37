import { describe, expect, it } from 'vitest';
import {
  alarmJoinsCase,
  DEVICE_ALARM_CATEGORY,
  DEVICE_TYPES,
  HOTLINE_CALLBACK_MAX_ATTEMPTS,
  hotlineCallbackBackoffMs,
  hotlineSigningString,
  hotlineTimestampProblem,
  isDeviceOffline,
  label,
  parseDevicePayload,
  recoveryClosesCase,
} from '../src/index.ts';

const MIN = 60_000;

describe('device alarms', () => {
  it('maps every device type to a labelled case category', () => {
    for (const type of DEVICE_TYPES) {
      expect(DEVICE_ALARM_CATEGORY[type]).toMatch(/^[SC]G\d{2}-\d{2}$/);
      expect(label('deviceType', type, 'zh')).not.toBe(type);
    }
  });

  it('parses payloads and names the first problem of a malformed one', () => {
    expect(parseDevicePayload('')).toEqual({ payload: { value: null, message: null, at: null } });
    expect(parseDevicePayload('{"value": 3.5, "message": "超限", "at": "2026-01-01T00:00:00Z"}')).toEqual({
      payload: { value: 3.5, message: '超限', at: '2026-01-01T00:00:00Z' },
    });
    expect(parseDevicePayload('{"value": null}')).toEqual({
      payload: { value: null, message: null, at: null },
    });
    expect(parseDevicePayload('tilt=30')).toEqual({ problem: 'payload is not JSON' });
    expect(parseDevicePayload('[1]')).toEqual({ problem: 'payload must be an object' });
    expect(parseDevicePayload('null')).toEqual({ problem: 'payload must be an object' });
    expect(parseDevicePayload('{"value": "30"}')).toEqual({ problem: 'value must be a number' });
    expect(parseDevicePayload('{"message": 5}')).toMatchObject({
      problem: expect.stringContaining('message'),
    });
    expect(parseDevicePayload(`{"message": "${'x'.repeat(501)}"}`)).toMatchObject({
      problem: expect.stringContaining('message'),
    });
    expect(parseDevicePayload('{"at": "yesterday"}')).toEqual({ problem: 'at must be an ISO time' });
  });

  it('folds an alarm into the open case within the window, otherwise raises a new one', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MIN);
    expect(alarmJoinsCase(null, now, 30 * MIN)).toBe(false);
    expect(alarmJoinsCase({ state: 'reported', lastAlarmAt: at(29) }, now, 30 * MIN)).toBe(true);
    expect(alarmJoinsCase({ state: 'in_progress', lastAlarmAt: at(30) }, now, 30 * MIN)).toBe(true);
    expect(alarmJoinsCase({ state: 'reported', lastAlarmAt: at(31) }, now, 30 * MIN)).toBe(false);
    for (const state of ['closed', 'voided', 'evaluated', 'archived']) {
      expect(alarmJoinsCase({ state, lastAlarmAt: at(1) }, now, 30 * MIN)).toBe(false);
    }
  });

  it('closes on recovery only a case nobody has acted on', () => {
    expect(recoveryClosesCase({ state: 'reported', steps: 1 })).toBe(true);
    expect(recoveryClosesCase({ state: 'reported', steps: 2 })).toBe(false);
    expect(recoveryClosesCase({ state: 'accepted', steps: 2 })).toBe(false);
    expect(recoveryClosesCase({ state: 'dispatched', steps: 2 })).toBe(false);
    expect(recoveryClosesCase(null)).toBe(false);
  });

  it('counts a device offline only after the limit', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(isDeviceOffline(new Date(now.getTime() - 30 * MIN), now, 30)).toBe(false);
    expect(isDeviceOffline(new Date(now.getTime() - 30 * MIN - 1), now, 30)).toBe(true);
  });
});

describe('hotline signing', () => {
  it('signs timestamp, nonce and body on separate lines', () => {
    expect(hotlineSigningString('1700000000', 'abc', '{"a":1}')).toBe('1700000000\nabc\n{"a":1}');
  });

  it('refuses missing, malformed and stale timestamps', () => {
    const now = 1_700_000_000_000;
    expect(hotlineTimestampProblem(undefined, now, 300)).toBe('missing');
    expect(hotlineTimestampProblem('', now, 300)).toBe('missing');
    expect(hotlineTimestampProblem('17e8', now, 300)).toBe('malformed');
    expect(hotlineTimestampProblem('-5', now, 300)).toBe('malformed');
    expect(hotlineTimestampProblem('1700000000', now, 300)).toBeNull();
    expect(hotlineTimestampProblem('1700000300', now, 300)).toBeNull();
    expect(hotlineTimestampProblem('1700000301', now, 300)).toBe('stale');
    expect(hotlineTimestampProblem('1699999699', now, 300)).toBe('stale');
  });

  it('backs off doubling from 30 s up to an hour', () => {
    expect(hotlineCallbackBackoffMs(1)).toBe(30_000);
    expect(hotlineCallbackBackoffMs(2)).toBe(60_000);
    expect(hotlineCallbackBackoffMs(3)).toBe(120_000);
    expect(hotlineCallbackBackoffMs(20)).toBe(3_600_000);
    expect(hotlineCallbackBackoffMs(0)).toBe(30_000);
    expect(HOTLINE_CALLBACK_MAX_ATTEMPTS).toBeGreaterThan(1);
  });
});
