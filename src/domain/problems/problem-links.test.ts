import { describe, expect, it } from 'vitest';
import { canLinkCase, canUnlinkCase, type LinkableCase, type LinkingProblem } from './problem-links.ts';

const problem: LinkingProblem = { id: 'p1', reference: 'P-1', status: 'investigating' };
const kase = (over: Partial<LinkableCase> = {}): LinkableCase => ({
  reference: 'C-7',
  status: 'open',
  problemId: null,
  mergedIntoId: null,
  ...over,
});

describe('linking cases to a problem', () => {
  it('links a live case, and linking it again changes nothing', () => {
    expect(canLinkCase(problem, kase())).toEqual({ ok: true, alreadyLinked: false });
    expect(canLinkCase(problem, kase({ problemId: 'p1' }))).toEqual({ ok: true, alreadyLinked: true });
  });

  it.each([
    ['a resolved problem', { ...problem, status: 'resolved' as const }, kase(), 'problem_resolved'],
    ['a merged case', problem, kase({ status: 'closed', mergedIntoId: 'c2' }), 'case_merged'],
    ['a closed case', problem, kase({ status: 'closed' }), 'case_closed'],
    ['a case of another problem', problem, kase({ problemId: 'p2' }), 'case_on_other_problem'],
  ])('refuses %s', (_what, p, c, code) => {
    expect(canLinkCase(p, c)).toMatchObject({ ok: false, code });
  });

  it('unlinks only what is linked, and only before the problem is resolved', () => {
    expect(canUnlinkCase(problem, kase({ problemId: 'p1' }))).toEqual({ ok: true });
    expect(canUnlinkCase(problem, kase())).toEqual({
      ok: false,
      code: 'case_not_linked',
      message: 'C-7 is not linked to P-1',
    });
    expect(canUnlinkCase({ ...problem, status: 'resolved' }, kase({ problemId: 'p1' }))).toMatchObject({
      ok: false,
      code: 'problem_resolved',
    });
  });
});
