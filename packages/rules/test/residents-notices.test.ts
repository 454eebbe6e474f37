import { describe, expect, it } from 'vitest';
import { noticeState } from '../src/index.ts';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-05T08:00:00Z');

describe('noticeState', () => {
  const base = { publishAt: at('2026-12-01T00:00:00Z'), expireAt: null, withdrawnAt: null };
  it('is current from publication on when it has no expiry', () => {
    expect(noticeState(base, NOW)).toBe('current');
    expect(noticeState({ ...base, publishAt: NOW }, NOW)).toBe('current');
  });
  it('is scheduled before publication', () => {
    expect(noticeState({ ...base, publishAt: at('2026-12-05T08:00:01Z') }, NOW)).toBe('scheduled');
  });
  it('expires at its expiry, not a moment before', () => {
    expect(noticeState({ ...base, expireAt: at('2026-12-05T08:00:01Z') }, NOW)).toBe('current');
    expect(noticeState({ ...base, expireAt: NOW }, NOW)).toBe('expired');
  });
  it('withdrawn wins over every other state', () => {
    const withdrawnAt = at('2026-12-02T00:00:00Z');
    expect(noticeState({ ...base, withdrawnAt }, NOW)).toBe('withdrawn');
    expect(noticeState({ ...base, publishAt: at('2027-01-01T00:00:00Z'), withdrawnAt }, NOW)).toBe(
      'withdrawn',
    );
  });
});
