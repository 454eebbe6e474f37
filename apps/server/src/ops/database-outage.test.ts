import { describe, expect, it } from 'vitest';
import { survivingDatabaseOutages } from './database-outage.ts';

describe('survivingDatabaseOutages', () => {
  it('logs a rejection of an unavailable database and lets the process live', () => {
    const logged: string[] = [];
    const handle = survivingDatabaseOutages({ warn: (_obj, msg) => logged.push(msg) });
    const shuttingDown = Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(() => handle(shuttingDown)).not.toThrow();
    expect(() => handle(refused)).not.toThrow();
    expect(logged).toHaveLength(2);
  });

  it('throws any other rejection again, so it still ends the process', () => {
    const handle = survivingDatabaseOutages({ warn: () => {} });
    const bug = new TypeError('cannot read properties of undefined');
    expect(() => handle(bug)).toThrow(bug);
    const constraint = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(() => handle(constraint)).toThrow(constraint);
  });
});
