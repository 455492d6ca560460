/**
 * The supervisor overview as the API contract defines it (GET /api/v1/supervisor/overview).
 * Declared here until the route is in the generated OpenAPI types; then this file re-exports
 * `SupervisorOverview` from ../api/types instead.
 */
export interface SupervisorOverview {
  escalations: WaitingEscalation[];
  slaAlerts: SlaAlert[];
  teams: TeamQueue[];
}

export interface WaitingEscalation {
  escalationId: string;
  caseId: string;
  reference: string;
  subject: string;
  level: number;
  reason: string;
  targetUserName: string | null;
  targetTeamName: string | null;
  raisedAt: string;
  deadline: string | null;
}

export type SlaMetric = 'first_response' | 'next_update' | 'resolution';

export interface SlaAlert {
  caseId: string;
  reference: string;
  subject: string;
  metric: SlaMetric;
  state: 'warning' | 'breached';
  dueAt: string;
  ownerName: string | null;
  teamName: string | null;
}

export interface TeamQueue {
  teamId: string | null;
  name: string;
  agents: number;
  waiting: number;
  open: number;
  oldestWaitingSince: string | null;
  estimatedWaitMinutes: number | null;
  offerCallback: boolean;
}

/** The overview lists at most this many SLA alerts, breached first: at the cap, counts are "at least". */
export const SLA_ALERT_CAP = 100;
