import type { PortalCase, PortalCaseDetail } from '../api/types';

/**
 * Portal shapes the API contract adds (outages, callbacks on a case), declared here until
 * they are in the generated OpenAPI types; then these become aliases of ../api/types.
 */
export interface PortalOutage {
  problemId: string;
  title: string;
  status: string;
  workaround: string | null;
  since: string;
  /** What it affects, in words for the customer (a service, an area, a device). */
  affects: string | string[] | null;
}

export interface PortalCallback {
  id: string;
  windowStart: string;
  windowEnd: string;
  status: 'booked' | 'completed' | 'missed' | 'cancelled';
}

export type { PortalCase };
export type PortalCaseView = PortalCaseDetail & { callbacks?: PortalCallback[] };
export type CaseStatus = PortalCase['status'];

export interface SentMessage {
  contactId: string;
  caseId: string | null;
  caseReference: string | null;
  duplicate: boolean;
}
