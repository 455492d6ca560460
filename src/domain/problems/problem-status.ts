import { refuse, type Outcome } from '../cases/ownership.ts';

/**
 * A problem's life: reported (new), under investigation, a known error once a workaround is
 * published, resolved once fixed for good. Resolved is final: a recurrence is a new problem.
 */
export const PROBLEM_STATUSES = ['new', 'investigating', 'known_error', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The statuses a person may set directly; resolving has its own step (it solves cases and tells customers). */
export const SETTABLE_PROBLEM_STATUSES = ['new', 'investigating', 'known_error'] as const;
export type SettableProblemStatus = (typeof SETTABLE_PROBLEM_STATUSES)[number];

export interface ProblemState {
  reference: string;
  status: ProblemStatus;
  rootCause: string | null;
  workaround: string | null;
}

/** What an edit asks for; undefined leaves a field as it is, null clears it. */
export interface ProblemRevision {
  rootCause?: string | null | undefined;
  workaround?: string | null | undefined;
  status?: SettableProblemStatus | undefined;
}

export interface RevisedProblem {
  status: ProblemStatus;
  rootCause: string | null;
  workaround: string | null;
  /** A workaround was published or replaced: agents and linked cases should hear of it. */
  workaroundPublished: boolean;
  workaroundWithdrawn: boolean;
  rootCauseIdentified: boolean;
}

type RevisionRefusal = 'problem_resolved' | 'workaround_required' | 'problem_status_transition';

const blankToNull = (value: string | null | undefined, current: string | null): string | null => {
  if (value === undefined) return current;
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Applies an edit to a problem's diagnosis. Publishing a workaround makes the problem a known
 * error; withdrawing it sends the problem back to investigation; naming a root cause starts
 * the investigation. An explicit status must agree with what is recorded.
 */
export function reviseProblem(
  current: ProblemState,
  revision: ProblemRevision,
): Outcome<{ revised: RevisedProblem }, RevisionRefusal> {
  if (current.status === 'resolved')
    return refuse(
      'problem_resolved',
      `${current.reference} is resolved and can no longer change; open a new problem if it came back`,
    );
  const rootCause = blankToNull(revision.rootCause, current.rootCause);
  const workaround = blankToNull(revision.workaround, current.workaround);

  let status: ProblemStatus;
  if (revision.status === 'known_error' && workaround === null) {
    return refuse(
      'workaround_required',
      `${current.reference} becomes a known error when a workaround is published: give the workaround`,
    );
  } else if (revision.status !== undefined && revision.status !== 'known_error' && workaround !== null) {
    return refuse(
      'problem_status_transition',
      `${current.reference} has a published workaround, so it is a known error; withdraw the workaround (workaround: null) to change that`,
    );
  } else if (revision.status === 'new' && rootCause !== null) {
    return refuse(
      'problem_status_transition',
      `${current.reference} has a root cause, so it is past new; clear the root cause to change that`,
    );
  } else if (revision.status !== undefined) {
    status = revision.status;
  } else if (workaround !== null) {
    status = 'known_error';
  } else if (current.status === 'known_error' || (current.status === 'new' && rootCause !== null)) {
    status = 'investigating';
  } else {
    status = current.status;
  }

  return {
    ok: true,
    revised: {
      status,
      rootCause,
      workaround,
      workaroundPublished: workaround !== null && workaround !== current.workaround,
      workaroundWithdrawn: workaround === null && current.workaround !== null,
      rootCauseIdentified: rootCause !== null && rootCause !== current.rootCause,
    },
  };
}

/** Resolving needs a problem that is not resolved yet and words for the customers. */
export function canResolveProblem(
  current: ProblemState,
  resolution: string,
): Outcome<object, 'problem_resolved' | 'resolution_required'> {
  if (current.status === 'resolved') return refuse('problem_resolved', `${current.reference} is already resolved`);
  if (resolution.trim() === '')
    return refuse('resolution_required', 'Say how the problem was resolved: the customers of its cases are told');
  return { ok: true };
}
