import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionEnded } from '../api/client';
import type { Me } from '../api/types';

interface SessionState {
  /** undefined while we ask the server; null when nobody is signed in. */
  me: Me | null | undefined;
  /** Why the last session ended, to tell the person on the sign-in screen. */
  endedReason: string | null;
  signIn(input: { tenant: string; email: string; password: string }): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Asks the server who is signed in (nobody: null). */
export const askWhoIsSignedIn = (): Promise<Me | null> =>
  api<Me>('/auth/me', { quietUnauthenticated: true }).catch(() => null);

/**
 * Who is signed in, for every screen. The session itself is the server's HttpOnly cookie.
 * `asked`: the question already on its way (the page asks it before drawing anything).
 */
export function SessionProvider({ asked, children }: { asked?: Promise<Me | null>; children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [endedReason, setEndedReason] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    void (asked ?? askWhoIsSignedIn()).then((who) => {
      if (live) setMe((current) => (current === undefined ? who : current));
    });
    return () => {
      live = false;
    };
  }, [asked]);

  useEffect(
    () =>
      onSessionEnded(() => {
        setMe((current) => {
          if (current) setEndedReason('Your session has ended. Please sign in again.');
          return null;
        });
      }),
    [],
  );

  const signIn = useCallback(
    async (input: { tenant: string; email: string; password: string }) => {
      // The answer names who signed in, as /auth/me would: no second round trip before the first screen.
      const { user: who } = await api<{ user: Me }>('/auth/login', {
        method: 'POST',
        body: input,
        quietUnauthenticated: true,
      });
      // What the last person's screens fetched is not the next person's to see (a shared desk).
      queryClient.clear();
      setEndedReason(null);
      setMe(who);
      return who;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    setEndedReason(null);
    setMe(null);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo(() => ({ me, endedReason, signIn, signOut }), [me, endedReason, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person; only for screens behind a sign-in guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in person');
  return me;
}

export const STAFF_ROLES: readonly Me['role'][] = ['admin', 'supervisor', 'agent', 'analyst'];
export const SUPERVISING_ROLES: readonly Me['role'][] = ['admin', 'supervisor', 'analyst'];
/** Who reviews the analysis of contacts and labels them (the server's analysis:review permission). */
export const REVIEWING_ROLES: readonly Me['role'][] = ['admin', 'supervisor', 'analyst'];

/** Who sees a verified caller's differences from the record and corrects it (records:correct). */
export const CORRECTING_ROLES: readonly Me['role'][] = ['admin', 'supervisor', 'agent'];
/** Who lifts a customer's verification lock (verifications:unlock). */
export const UNLOCKING_ROLES: readonly Me['role'][] = ['admin'];
/** Who trains and switches topic models (analysis:models): not analysts. */
export const MODEL_TRAINING_ROLES: readonly Me['role'][] = ['admin', 'supervisor'];

/** Analysts study the contacts but work no cases: they have no workspace. */
export const hasWorkspace = (role: Me['role']): boolean => role !== 'analyst' && role !== 'customer';

/** Where a person lands after signing in. */
export function homeFor(me: Me): string {
  if (me.role === 'customer') return `/portal/${me.tenant}`;
  if (me.role === 'analyst') return '/review';
  return '/work';
}
