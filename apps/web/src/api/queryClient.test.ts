import { describe, expect, it } from 'vitest';
import { keepNewerVersion } from './queryClient';

describe('keepNewerVersion', () => {
  const accepted = { id: '1', state: 'accepted', version: 2, actions: ['file'] };
  const reported = { id: '1', state: 'reported', version: 1, actions: ['accept'] };

  it('keeps the cached record when a late read brings an older version', () => {
    expect(keepNewerVersion(accepted, reported)).toBe(accepted);
  });

  it('takes a newer or equal version, sharing unchanged parts', () => {
    const filed = { ...accepted, state: 'filed', version: 3 };
    expect(keepNewerVersion(accepted, filed)).toEqual(filed);
    const same = { ...accepted, actions: ['file'] };
    expect(keepNewerVersion(accepted, same)).toBe(accepted);
  });

  it('takes anything when either side has no version', () => {
    expect(keepNewerVersion(undefined, reported)).toEqual(reported);
    expect(keepNewerVersion({ items: [] }, reported)).toEqual(reported);
  });
});
