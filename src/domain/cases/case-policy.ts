/** A tenant's rules for owning cases; each tenant may override any of these defaults. */
export interface CasePolicy {
  /** How long a receiver has to accept a warm transfer before it returns to the sender. */
  transferOfferMinutes: number;
  /** How long an escalation may wait for acceptance before it climbs a level. */
  escalationAcceptMinutes: number;
  /** Customer effort past which a case escalates by itself. */
  effortThresholds: { contacts: number; transfers: number; daysOpen: number };
  /** Estimated queue wait past which a customer is offered a callback instead. */
  callbackOfferWaitMinutes: number;
  /** Average handling time per case, for wait estimates until enough history exists. */
  averageHandlingMinutes: number;
  /** How long a partner organisation may hold a shared case without answering ("waiting on partner"). */
  partnerResponseMinutes?: number;
}

export const DEFAULT_CASE_POLICY: CasePolicy = {
  transferOfferMinutes: 15,
  escalationAcceptMinutes: 30,
  effortThresholds: { contacts: 3, transfers: 2, daysOpen: 3 },
  callbackOfferWaitMinutes: 10,
  averageHandlingMinutes: 12,
  partnerResponseMinutes: 24 * 60,
};

export type CasePolicyOverrides = Partial<Omit<CasePolicy, 'effortThresholds'>> & {
  effortThresholds?: Partial<CasePolicy['effortThresholds']>;
};

export function resolveCasePolicy(overrides: CasePolicyOverrides | null | undefined): CasePolicy {
  return {
    ...DEFAULT_CASE_POLICY,
    ...overrides,
    effortThresholds: { ...DEFAULT_CASE_POLICY.effortThresholds, ...overrides?.effortThresholds },
  };
}

export const minutesLater = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
