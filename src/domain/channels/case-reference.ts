/**
 * How a case is named to people: `C-42`, numbered per organisation. The one formatter: domain
 * rules (subject tags, threading) and every service that names a case print it through this.
 */

export const CASE_REFERENCE_PREFIX = 'C';

/** `C-42` for case number 42. */
export function formatCaseReference(number: number, prefix: string = CASE_REFERENCE_PREFIX): string {
  return `${prefix}-${number}`;
}

/** The tag put into mail subjects so replies find their case: `[C-42]`. */
export function caseSubjectTag(reference: string): string {
  return `[${reference}]`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern matching a bracketed reference such as `[C-42]`, `[ c-42 ]` or `[C‑42]` (a
 * non-breaking hyphen, as some clients type), global so that every tag in a subject is found.
 * The number is captured in group 1.
 */
export function caseTagPattern(prefix: string = CASE_REFERENCE_PREFIX): RegExp {
  return new RegExp(`\\[\\s*${escapeRegExp(prefix)}\\s*[-\\u2010\\u2011\\u2013]\\s*(\\d{1,9})\\s*\\]`, 'giu');
}
