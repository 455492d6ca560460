import { describe, expect, it } from 'vitest';
import { canMergeCases, canSplitCase, canUnmergeCase, type MergeableCase } from './merge.ts';

const kase = (over: Partial<MergeableCase> = {}): MergeableCase => ({
  id: 'a',
  reference: 'C-1',
  customerId: 'cust-1',
  status: 'open',
  mergedIntoId: null,
  problemId: null,
  ...over,
});
const duplicate = kase();
const survivor = kase({ id: 'b', reference: 'C-2' });

describe('merging duplicate cases', () => {
  it('merges two live cases of the same customer', () => {
    expect(canMergeCases(duplicate, survivor)).toEqual({
      ok: true,
      plan: { carryProblem: false, reopenSurviving: false },
    });
  });

  it.each([
    ['into itself', duplicate, duplicate, 'merge_into_itself', 'C-1 cannot be merged into itself'],
    [
      'a case already merged',
      kase({ status: 'closed', mergedIntoId: 'x' }),
      survivor,
      'case_already_merged',
      'C-1 is already merged into another case; unmerge it first',
    ],
    [
      'into a merged case',
      duplicate,
      kase({ id: 'b', reference: 'C-2', status: 'closed', mergedIntoId: 'x' }),
      'merge_into_merged',
      'C-2 was itself merged into another case; merge into the case it points to',
    ],
    [
      'into another customer’s case',
      duplicate,
      kase({ id: 'b', reference: 'C-2', customerId: 'cust-2' }),
      'merge_other_customer',
      "C-1 and C-2 belong to different customers; only one customer's duplicates can be merged",
    ],
    [
      'a closed case',
      kase({ status: 'closed' }),
      survivor,
      'case_closed',
      'C-1 is closed; a closed case cannot be merged',
    ],
    [
      'into a closed case',
      duplicate,
      kase({ id: 'b', reference: 'C-2', status: 'closed' }),
      'merge_into_closed',
      'C-2 is closed; merge into a case that is still open',
    ],
    [
      'cases of two different problems',
      kase({ problemId: 'p1' }),
      kase({ id: 'b', reference: 'C-2', problemId: 'p2' }),
      'merge_problem_conflict',
      'C-1 and C-2 are linked to different problems; unlink one of them first',
    ],
  ])('refuses to merge %s, saying why', (_what, from, into, code, message) => {
    expect(canMergeCases(from, into)).toEqual({ ok: false, code, message });
  });

  it('lets the surviving case take over the duplicate’s problem when it has none', () => {
    expect(canMergeCases(kase({ problemId: 'p1' }), survivor)).toMatchObject({
      ok: true,
      plan: { carryProblem: true },
    });
    expect(canMergeCases(kase({ problemId: 'p1' }), kase({ id: 'b', problemId: 'p1' }))).toMatchObject({
      ok: true,
      plan: { carryProblem: false },
    });
  });

  it('reopens a solved surviving case when the duplicate was still being worked on', () => {
    const solved = kase({ id: 'b', status: 'solved' });
    expect(canMergeCases(kase({ status: 'pending' }), solved)).toMatchObject({
      ok: true,
      plan: { reopenSurviving: true },
    });
    expect(canMergeCases(kase({ status: 'solved' }), solved)).toMatchObject({
      ok: true,
      plan: { reopenSurviving: false },
    });
  });
});

describe('undoing a merge', () => {
  const merged = kase({ status: 'closed', mergedIntoId: 'b' });
  it('is possible while the surviving case is open', () => {
    expect(canUnmergeCase(merged, survivor)).toEqual({ ok: true });
  });
  it('refuses a case that is not merged, and a merge whose surviving case is closed', () => {
    expect(canUnmergeCase(duplicate, null)).toMatchObject({
      ok: false,
      code: 'case_not_merged',
      message: 'C-1 is not merged into another case',
    });
    expect(canUnmergeCase(merged, kase({ id: 'b', reference: 'C-2', status: 'closed' }))).toMatchObject({
      ok: false,
      code: 'surviving_case_closed',
    });
  });
});

describe('splitting contacts out of a case', () => {
  const onCase = new Set(['k1', 'k2', 'k3']);
  it('splits some of the case’s contacts out', () => {
    expect(canSplitCase(duplicate, ['k2'], onCase)).toEqual({ ok: true });
  });
  it('refuses contacts that are not on the case, and taking every contact away', () => {
    expect(canSplitCase(duplicate, ['k2', 'k9'], onCase)).toEqual({
      ok: false,
      code: 'contact_not_on_case',
      message: 'Contact k9 is not on C-1',
    });
    expect(canSplitCase(duplicate, ['k1', 'k2', 'k3'], onCase)).toMatchObject({
      ok: false,
      code: 'split_leaves_case_empty',
    });
    expect(canSplitCase(duplicate, [], onCase)).toMatchObject({ ok: false, code: 'contacts_required' });
  });
  it('refuses closed and merged cases', () => {
    expect(canSplitCase(kase({ status: 'closed' }), ['k1'], onCase)).toMatchObject({ ok: false, code: 'case_closed' });
    expect(canSplitCase(kase({ status: 'closed', mergedIntoId: 'b' }), ['k1'], onCase)).toMatchObject({
      ok: false,
      code: 'case_merged',
    });
  });
});
