import { EventEmitter } from 'node:events';

/** Something arrived or was sent on a case or conversation, for anyone watching it live. */
export interface LiveEvent {
  tenantId: string;
  kind: 'contact' | 'chat_message' | 'chat_ended';
  customerId: string;
  caseId: string | null;
  contactId: string;
  /** Who answers for the case, when it has a case: their screens are told first. */
  ownerId?: string | null;
  teamId?: string | null;
  message?: { seq: number; speaker: string | null; speakerRole: string | null; at: string; text: string };
  chatSessionId?: string;
}

/**
 * In-process fan-out of what happened, published after the transaction that stored it
 * committed. Each server process has its own; an agent connected to another process sees
 * the change when their screen next loads it.
 */
export class LiveFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: LiveEvent): void {
    this.emitter.emit(event.tenantId, event);
  }

  subscribe(tenantId: string, listener: (event: LiveEvent) => void): () => void {
    this.emitter.on(tenantId, listener);
    return () => this.emitter.off(tenantId, listener);
  }
}
