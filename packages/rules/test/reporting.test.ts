import { describe, expect, it } from 'vitest';
import { reportChoicesFor } from '../src/index.ts';

describe('reportChoicesFor', () => {
  it('a resident reports through the resident app and never self-handles', () => {
    expect(reportChoicesFor(['cases.report'])).toEqual({
      sources: ['resident_app', 'open311'],
      selfHandling: false,
    });
    expect(reportChoicesFor(new Set(['cases.report']))).toEqual({
      sources: ['resident_app', 'open311'],
      selfHandling: false,
    });
  });

  it('staff who read and report cases name any source and may self-handle', () => {
    expect(reportChoicesFor(['cases.read', 'cases.report', 'patrol.report'])).toEqual({
      sources: null,
      selfHandling: true,
    });
  });
});
