import type { CaseStatus } from '../vocabulary.ts';

/**
 * Which status a case may move to. A closed case is final (a new problem opens a new case);
 * a solved case reopens when the customer says it is not solved.
 */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['open', 'pending', 'solved', 'closed'],
  open: ['pending', 'solved', 'closed'],
  pending: ['open', 'solved', 'closed'],
  solved: ['open', 'closed'],
  closed: [],
};

export type TransitionCheck =
  { ok: true } | { ok: false; code: 'case_closed' | 'case_status_transition'; message: string };

export function canChangeStatus(from: CaseStatus, to: CaseStatus): TransitionCheck {
  if (from === to) return { ok: true };
  if (from === 'closed') {
    return {
      ok: false,
      code: 'case_closed',
      message: 'This case is closed and cannot change; open a new case instead',
    };
  }
  if (!NEXT[from].includes(to)) {
    return { ok: false, code: 'case_status_transition', message: `A case that is ${from} cannot become ${to}` };
  }
  return { ok: true };
}

export const isOpenStatus = (status: CaseStatus): boolean => status !== 'solved' && status !== 'closed';
