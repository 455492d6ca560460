import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Broadcast } from '../../store/database.ts';

/**
 * Something arrived or was sent on a case or conversation, or a case moved between work queues
 * (case_changed: assigned, transferred, escalated, a callback booked), for anyone watching it live.
 */
export interface LiveEvent {
  tenantId: string;
  kind: 'contact' | 'chat_message' | 'chat_ended' | 'case_changed' | 'alert';
  customerId: string;
  caseId: string | null;
  /** The contact it is about; absent on case_changed. */
  contactId?: string;
  /** Who answers for the case, when it has a case: their screens are told first. */
  ownerId?: string | null;
  teamId?: string | null;
  message?: {
    seq: number;
    speaker: string | null;
    speakerRole: string | null;
    at: string;
    text: string;
    truncated?: boolean;
  };
  chatSessionId?: string;
  /** kind alert: a live conversation needs a supervisor (sent to viewers flat, beside the other fields). */
  alert?: {
    id: string;
    reason: string;
    cues: string[];
    sentiment: number;
    channel: string;
    caseReference: string | null;
    customerName: string | null;
    at: string;
  };
  /** Others whose queues the change concerns: the former owner and team, a transfer's receiver, an escalation's target. */
  audience?: { userIds: string[]; teamIds: string[] };
}

const CHANNEL = 'hearken_live';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;

/**
 * Fan-out of what happened, published after the transaction that stored it committed. Within
 * a process it is an event emitter; connected to the store's broadcast (PostgreSQL), every
 * other server process on the same database hears it too, so a visitor on one process gets the
 * answer an agent sent through another.
 */
export class LiveFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly origin = randomUUID();
  private broadcast: Broadcast | undefined;
  private stopListening: (() => Promise<void>) | undefined;

  async connect(broadcast: Broadcast, onError: (error: unknown) => void): Promise<void> {
    this.broadcast = broadcast;
    this.onError = onError;
    this.stopListening = await broadcast.subscribe(CHANNEL, (payload) => {
      try {
        const { origin, event } = JSON.parse(payload) as { origin: string; event: LiveEvent };
        if (origin !== this.origin) this.emitter.emit(event.tenantId, event);
      } catch (error) {
        onError(error);
      }
    });
  }

  async disconnect(): Promise<void> {
    await this.stopListening?.();
    this.broadcast = undefined;
  }

  publish(event: LiveEvent): void {
    this.emitter.emit(event.tenantId, event);
    if (this.broadcast) this.broadcast.publish(CHANNEL, this.wire(event)).catch(this.onError);
  }

  private onError: (error: unknown) => void = () => undefined;

  reportErrorsTo(onError: (error: unknown) => void): void {
    this.onError = onError;
  }

  /** Something that should have reached live screens failed; the server's log hears of it. */
  reportError(error: unknown): void {
    this.onError(error);
  }

  /** A message too long for one notification travels cut short; its full text is in the history. */
  private wire(event: LiveEvent): string {
    const payload = JSON.stringify({ origin: this.origin, event });
    if (Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES || !event.message) return payload;
    const text = event.message.text.slice(0, 1500);
    return JSON.stringify({
      origin: this.origin,
      event: { ...event, message: { ...event.message, text: `${text}…`, truncated: true } },
    });
  }

  subscribe(tenantId: string, listener: (event: LiveEvent) => void): () => void {
    this.emitter.on(tenantId, listener);
    return () => this.emitter.off(tenantId, listener);
  }
}
