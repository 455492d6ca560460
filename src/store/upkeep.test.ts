import { describe, expect, it } from 'vitest';
import { upkeepDue } from './upkeep.ts';

const table = (over: Partial<Parameters<typeof upkeepDue>[0][number]>) => ({
  table: 'contacts',
  estimatedRows: 10_000,
  changedSinceAnalysis: 0,
  deadRows: 0,
  ...over,
});

describe('store upkeep', () => {
  it('analyses a table the planner has never measured, however small', () => {
    expect(upkeepDue([table({ estimatedRows: -1 })])).toEqual([{ table: 'contacts', action: 'analyse' }]);
  });

  it('leaves a table alone until a tenth of it changed, as autovacuum would', () => {
    expect(upkeepDue([table({ changedSinceAnalysis: 1_000 })])).toEqual([]);
    expect(upkeepDue([table({ changedSinceAnalysis: 1_051 })])).toEqual([{ table: 'contacts', action: 'analyse' }]);
  });

  it('vacuums a table whose dead rows pass a fifth of it, before analysing it', () => {
    expect(upkeepDue([table({ table: 'jobs', deadRows: 2_100, changedSinceAnalysis: 5_000 })])).toEqual([
      { table: 'jobs', action: 'vacuum' },
      { table: 'jobs', action: 'analyse' },
    ]);
    expect(upkeepDue([table({ table: 'jobs', deadRows: 2_000 })])).toEqual([]);
  });
});
