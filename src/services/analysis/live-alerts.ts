import { analyzeText } from '../../analytics/analyze-text.ts';
import { describeLiveAlert, liveAlertReasons, type LiveAlertReason } from '../../analytics/live-alert-rules.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';
import { recentLiveAlerts, recordLiveAlerts, type LiveAlertRow } from '../../store/repositories/live-alerts.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import type { LiveEvent, LiveFeed } from '../channels/live-feed.ts';

/**
 * Listens to one customer message of a live conversation (chat, SMS) as it arrives: when it
 * turns the conversation negative or shows churn or escalation intent, supervisors watching
 * the live feed are told at once. The durable pipeline analyses the contact as well; this path
 * exists because a supervisor can still save a conversation that is happening now.
 */
export async function listenToLiveMessage(
  scope: TenantScope,
  feed: LiveFeed | undefined,
  message: { contactId: string; text: string; at: Date },
): Promise<LiveAlertRow[]> {
  const analysis = analyzeText(message.text);
  const reasons = liveAlertReasons(analysis);
  if (reasons.length === 0) return [];
  try {
    const raised = await recordLiveAlerts(scope, {
      contactId: message.contactId,
      reasons,
      cues: [...new Set(analysis.cues.map((c) => c.kind))],
      sentimentScore: analysis.sentimentScore,
      raisedAt: message.at,
    });
    for (const alert of raised) feed?.publish(alertEvent(scope.tenantId, alert));
    return raised;
  } catch (error) {
    // The message itself is stored and answered; a lost alert must not fail it.
    feed?.reportError(error);
    return [];
  }
}

export function alertView(alert: LiveAlertRow) {
  return {
    id: alert.id,
    contactId: alert.contactId,
    caseId: alert.caseId,
    caseReference: alert.caseNumber === null ? null : formatCaseReference(alert.caseNumber),
    customerId: alert.customerId,
    customerName: alert.customerName,
    channel: alert.channel,
    reason: describeLiveAlert(alert.reason as LiveAlertReason),
    cues: alert.cues,
    sentiment: Math.round(alert.sentimentScore * 1000) / 1000,
    raisedAt: alert.raisedAt.toISOString(),
  };
}

function alertEvent(tenantId: string, alert: LiveAlertRow): LiveEvent {
  const view = alertView(alert);
  return {
    tenantId,
    kind: 'alert',
    customerId: alert.customerId,
    caseId: alert.caseId,
    contactId: alert.contactId,
    ownerId: alert.ownerId,
    teamId: alert.teamId,
    alert: {
      id: view.id,
      reason: view.reason,
      cues: view.cues,
      sentiment: view.sentiment,
      channel: view.channel,
      caseReference: view.caseReference,
      customerName: view.customerName,
      at: view.raisedAt,
    },
  };
}

export async function recentAlerts(scope: TenantScope, limit: number) {
  return { items: (await recentLiveAlerts(scope, limit)).map(alertView) };
}
