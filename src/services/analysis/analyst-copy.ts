import { redactPersonalData } from '../../analytics/redaction.ts';
import { roleAllows } from '../../domain/permissions.ts';
import type { Role } from '../../domain/vocabulary.ts';

/**
 * How a reader sees a contact's words: as written when their role may read personal data,
 * otherwise the analyst copy (cards, IBANs, phones, emails and addresses replaced). Redacted
 * at read time, so it always matches the current text, even before the analysis has run.
 */
export interface ContactReader {
  personalData: boolean;
  text(value: string): string;
  text(value: string | null): string | null;
}

export function contactReader(role: Role): ContactReader {
  const personalData = roleAllows(role, 'personal_data:read');
  function text(value: string): string;
  function text(value: string | null): string | null;
  function text(value: string | null): string | null {
    return personalData || value === null ? value : redactPersonalData(value).redacted;
  }
  return { personalData, text };
}

export const FULL_READER: ContactReader = contactReader('admin');
