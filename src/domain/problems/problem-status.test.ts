import { describe, expect, it } from 'vitest';
import { canResolveProblem, reviseProblem, type ProblemState } from './problem-status.ts';

const problem = (over: Partial<ProblemState> = {}): ProblemState => ({
  reference: 'P-3',
  status: 'new',
  rootCause: null,
  workaround: null,
  ...over,
});
const revised = (current: ProblemState, edit: Parameters<typeof reviseProblem>[1]) => {
  const result = reviseProblem(current, edit);
  if (!result.ok) throw new Error(result.message);
  return result.revised;
};

describe('a problem’s diagnosis', () => {
  it('starts the investigation when a root cause is named', () => {
    expect(revised(problem(), { rootCause: ' Firmware 4.2 drops the APN ' })).toMatchObject({
      status: 'investigating',
      rootCause: 'Firmware 4.2 drops the APN',
      rootCauseIdentified: true,
      workaroundPublished: false,
    });
  });

  it('becomes a known error when a workaround is published, and goes back when it is withdrawn', () => {
    const known = revised(problem({ status: 'investigating', rootCause: 'APN' }), {
      workaround: 'Re-enter the APN by hand',
    });
    expect(known).toMatchObject({ status: 'known_error', workaroundPublished: true });
    const withdrawn = revised(
      problem({ status: 'known_error', rootCause: 'APN', workaround: 'Re-enter the APN by hand' }),
      { workaround: null },
    );
    expect(withdrawn).toMatchObject({ status: 'investigating', workaround: null, workaroundWithdrawn: true });
  });

  it('does not announce the same workaround twice', () => {
    const same = revised(problem({ status: 'known_error', workaround: 'Restart' }), {
      workaround: 'Restart',
      rootCause: 'Cell tower',
    });
    expect(same).toMatchObject({ status: 'known_error', workaroundPublished: false, rootCauseIdentified: true });
  });

  it('refuses a known error without a workaround, and a status that contradicts the record', () => {
    expect(reviseProblem(problem(), { status: 'known_error' })).toMatchObject({
      ok: false,
      code: 'workaround_required',
    });
    expect(
      reviseProblem(problem({ status: 'known_error', workaround: 'Restart' }), { status: 'investigating' }),
    ).toMatchObject({
      ok: false,
      code: 'problem_status_transition',
    });
    expect(reviseProblem(problem({ status: 'investigating', rootCause: 'x' }), { status: 'new' })).toMatchObject({
      ok: false,
      code: 'problem_status_transition',
    });
    expect(revised(problem(), { status: 'investigating' }).status).toBe('investigating');
  });

  it('keeps a resolved problem as it was', () => {
    expect(reviseProblem(problem({ status: 'resolved' }), { rootCause: 'late insight' })).toEqual({
      ok: false,
      code: 'problem_resolved',
      message: 'P-3 is resolved and can no longer change; open a new problem if it came back',
    });
  });
});

describe('resolving a problem', () => {
  it('needs words for the customers and happens once', () => {
    expect(canResolveProblem(problem(), 'Fixed in firmware 4.3')).toEqual({ ok: true });
    expect(canResolveProblem(problem(), '  ')).toMatchObject({ ok: false, code: 'resolution_required' });
    expect(canResolveProblem(problem({ status: 'resolved' }), 'again')).toMatchObject({
      ok: false,
      code: 'problem_resolved',
      message: 'P-3 is already resolved',
    });
  });
});
