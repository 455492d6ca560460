import type { Role } from '../../../domain/vocabulary.ts';
import type { LiveEvent, LiveFeed } from '../live-feed.ts';

type Listener = (event: LiveEvent) => void;

/**
 * Hands the live feed's chat events to the visitor connections of each session: one
 * subscription per organisation with visitors connected, however many sessions are open.
 */
export class ChatHub {
  private readonly bySession = new Map<string, Set<Listener>>();
  private readonly tenants = new Map<string, { unsubscribe: () => void; sessions: number }>();

  constructor(private readonly feed: LiveFeed) {}

  /** Listens for the events of one session until the returned function is called. */
  join(tenantId: string, sessionId: string, listener: Listener): () => void {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { unsubscribe: this.feed.subscribe(tenantId, (event) => this.dispatch(event)), sessions: 0 };
      this.tenants.set(tenantId, tenant);
    }
    tenant.sessions++;
    const listeners = this.bySession.get(sessionId) ?? new Set<Listener>();
    listeners.add(listener);
    this.bySession.set(sessionId, listeners);
    let joined = true;
    return () => {
      if (!joined) return;
      joined = false;
      listeners.delete(listener);
      if (listeners.size === 0) this.bySession.delete(sessionId);
      if (--tenant.sessions === 0) {
        tenant.unsubscribe();
        this.tenants.delete(tenantId);
      }
    };
  }

  private dispatch(event: LiveEvent): void {
    if (!event.chatSessionId) return;
    for (const listener of [...(this.bySession.get(event.chatSessionId) ?? [])]) listener(event);
  }
}

/** Who is watching the live feed on a staff screen. */
export interface LiveViewer {
  role: Role;
  userId: string | null;
  teamId: string | null;
}

/**
 * What a staff member's live screen is sent: administrators, supervisors and analysts see
 * everything of their organisation; an agent sees what happens on cases they own and on
 * cases of their team (its queue included), and of a case change that concerns them (offered
 * to them, escalated to them, taken from them). A contact without a case goes to the former only.
 */
export function viewerSees(viewer: LiveViewer, event: LiveEvent): boolean {
  if (viewer.role === 'admin' || viewer.role === 'supervisor' || viewer.role === 'analyst') return true;
  if (viewer.userId !== null && (event.ownerId === viewer.userId || event.audience?.userIds.includes(viewer.userId)))
    return true;
  return (
    viewer.teamId !== null &&
    (event.teamId === viewer.teamId || event.audience?.teamIds.includes(viewer.teamId) === true)
  );
}
