import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type {
  CodeChecked,
  RecordCorrection,
  StepUpSent,
  VerificationClaims,
  VerificationClaimsAnswer,
  VerificationSession,
  VerificationStanding,
} from '../../api/types';
import { keys } from '../queries';

export const verificationKeys = {
  standing: (customerId: string) => ['customer', customerId, 'verification'] as const,
  session: (id: string) => ['verification', id] as const,
  correction: (id: string) => ['record-correction', id] as const,
};

/** Locked or not, the failures so far, what the record can answer and where a code can go. */
export const verificationStandingQuery = (customerId: string) =>
  queryOptions({
    queryKey: verificationKeys.standing(customerId),
    queryFn: ({ signal }) => api<VerificationStanding>(`/customers/${customerId}/verification`, { signal }),
  });

export function useVerificationStanding(customerId: string) {
  return useQuery(verificationStandingQuery(customerId));
}

export function useVerificationSession(id: string | null) {
  return useQuery({
    queryKey: verificationKeys.session(id ?? ''),
    queryFn: ({ signal }) => api<VerificationSession>(`/verifications/${id}`, { signal }),
    enabled: id !== null,
  });
}

/**
 * Every step of a session: the call, then the session, the customer's standing and the customer
 * (a pass shows the address; the timeline records each step) asked for again.
 */
function useVerificationStep<V, R>(customerId: string, sessionId: string | null, run: (input: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      if (sessionId) void client.invalidateQueries({ queryKey: verificationKeys.session(sessionId) });
      void client.invalidateQueries({ queryKey: keys.customer(customerId) });
    },
  });
}

export function useStartVerification(customerId: string, caseId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (channel: VerificationSession['channel']) =>
      api<VerificationSession>(`/customers/${customerId}/verifications`, {
        method: 'POST',
        body: { channel, ...(caseId ? { caseId } : {}) },
      }),
    onSuccess: (session) => {
      client.setQueryData(verificationKeys.session(session.id), session);
      void client.invalidateQueries({ queryKey: keys.timeline(customerId) });
    },
  });
}

export const useCheckClaims = (customerId: string, sessionId: string) =>
  useVerificationStep(customerId, sessionId, (claims: VerificationClaims) =>
    api<VerificationClaimsAnswer>(`/verifications/${sessionId}/claims`, { method: 'POST', body: claims }),
  );

export const useSendCode = (customerId: string, sessionId: string) =>
  useVerificationStep(customerId, sessionId, (channel: 'sms' | 'email' | undefined) =>
    api<StepUpSent>(`/verifications/${sessionId}/step-up`, { method: 'POST', body: channel ? { channel } : {} }),
  );

export const useCheckCode = (customerId: string, sessionId: string) =>
  useVerificationStep(customerId, sessionId, (code: string) =>
    api<CodeChecked>(`/verifications/${sessionId}/code`, { method: 'POST', body: { code } }),
  );

export const useUnlockCustomer = (customerId: string) =>
  useVerificationStep(customerId, null, () =>
    api<VerificationStanding>(`/customers/${customerId}/verification/unlock`, { method: 'POST', body: {} }),
  );

export function useRecordCorrection(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: verificationKeys.correction(id ?? ''),
    queryFn: ({ signal }) => api<RecordCorrection>(`/record-corrections/${id}`, { signal }),
    enabled: enabled && id !== null,
  });
}

export function useDecideCorrection(customerId: string, correctionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: { apply: true; note?: string } | { apply: false; note: string }) =>
      api<RecordCorrection>(`/record-corrections/${correctionId}/${decision.apply ? 'apply' : 'dismiss'}`, {
        method: 'POST',
        body: decision.note ? { note: decision.note } : {},
      }),
    onSuccess: (correction) => {
      client.setQueryData(verificationKeys.correction(correctionId), correction);
      void client.invalidateQueries({ queryKey: keys.customer(customerId) });
    },
  });
}

/** A refusal in words an agent can act on: a lock, their own hourly limit, an ended session. */
export function verificationProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Something went wrong';
  const details = (error.details ?? {}) as { reason?: string; retryAfterSeconds?: number };
  switch (details.reason) {
    case 'customer_locked':
      return 'Too many failed attempts: the customer is locked. Nothing can be checked until an administrator unlocks them.';
    case 'asker_rate_limited': {
      const minutes = Math.max(1, Math.ceil((details.retryAfterSeconds ?? 60) / 60));
      return `Too many failed attempts by you in the last hour. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
    }
    case 'session_expired':
    case 'session_ended':
      return 'This verification has ended. Start a new one.';
    case 'code_expired':
      return 'The code has expired. Send a new one.';
    default:
      return error.message;
  }
}
