import { describe, expect, it } from 'vitest';
import { caseSubjectTag, caseTagPattern, formatCaseReference } from './case-reference.ts';

describe('case references', () => {
  it('formats a case number the way services print it, and tags a subject with it', () => {
    expect(formatCaseReference(42)).toBe('C-42');
    expect(formatCaseReference(7, 'LM')).toBe('LM-7');
    expect(caseSubjectTag('C-42')).toBe('[C-42]');
  });

  it('matches every tag in a subject, leniently, and only its own prefix', () => {
    const numbers = (subject: string, prefix?: string) =>
      [...subject.matchAll(caseTagPattern(prefix))].map((m) => m[1]);
    expect(numbers('Re: [C-12] Fwd: [ c - 7 ] [C‑9]')).toEqual(['12', '7', '9']);
    expect(numbers('[C-12a] [CC-3] C-4 [C-]')).toEqual([]);
    expect(numbers('[C.1-2] [LM-5]', 'C.1')).toEqual(['2']);
  });
});
