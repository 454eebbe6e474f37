import { describe, expect, it } from 'vitest';
import { COMMAND_MEASURES, FEED_KINDS, label, perThousand } from '../src/index.ts';

describe('perThousand', () => {
  it('gives cases per 1,000 households to one decimal', () => {
    expect(perThousand(3, 1000)).toBe(3);
    expect(perThousand(1, 3)).toBe(333.3);
    expect(perThousand(0, 250)).toBe(0);
    expect(perThousand(7, 2048)).toBe(3.4);
  });
  it('is null without households to divide by', () => {
    expect(perThousand(5, 0)).toBeNull();
    expect(perThousand(0, -1)).toBeNull();
  });
});

describe('feed kinds and measures', () => {
  it('name every kind and measure in both languages', () => {
    for (const kind of FEED_KINDS) expect(label('feedKind', kind, 'zh')).not.toBe(kind);
    for (const m of COMMAND_MEASURES) expect(label('commandMeasure', m, 'en')).not.toBe(m);
  });
});
