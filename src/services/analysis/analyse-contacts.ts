import { createHash } from 'node:crypto';
import { analyzeText } from '../../analytics/analyze-text.ts';
import { scoreInsight } from '../../analytics/insight-score.ts';
import type { Db } from '../../store/database.ts';
import {
  analysedHashes,
  claimQueuedContacts,
  firstContactDates,
  postponeQueued,
  removeFromQueue,
  saveAnalyses,
  topicCounts,
  type QueuedContact,
  type StoredAnalysis,
} from '../../store/repositories/contact-analyses.ts';
import { scopeTo, type TenantScope } from '../../store/tenant-scope.ts';
import { activeAnalysis } from './topic-models.ts';

export interface AnalysisBatchOptions {
  /** Contacts taken in one transaction. */
  limit?: number;
  now?: Date;
  /** Only these organisations' contacts (a dedicated worker; tests). */
  tenantIds?: string[];
  /** Runs after the analyses are written and before they commit; throwing undoes the whole batch. */
  beforeCommit?: (analysed: readonly string[], tx: Db) => Promise<void>;
}

export interface AnalysisBatchResult {
  /** Contacts taken from the queue. */
  claimed: number;
  /** Contacts analysed now (the others' text was already analysed by the same version). */
  analysed: string[];
}

/** A customer in touch for longer than this counts as long-standing. */
const LONG_STANDING_MS = 365 * 24 * 3600_000;
const hashOf = (text: string) => createHash('sha1').update(text).digest('base64url');
const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** attempts, 3_600_000);

/**
 * Takes a batch from the analysis queue and analyses it, in one transaction: the analyses are
 * stored and the batch leaves the queue together, or neither happens. A worker that dies
 * mid-batch (its connection gone, its transaction rolled back) leaves the batch queued and
 * unlocked for the next worker, so every contact is analysed once per model version.
 */
export async function analyseQueuedContacts(db: Db, options: AnalysisBatchOptions = {}): Promise<AnalysisBatchResult> {
  const now = options.now ?? new Date();
  let claimedIds: string[] = [];
  let attempts = 0;
  try {
    return await db.transaction(async (outer) => {
      const tx = outer as unknown as Db;
      const claimed = await claimQueuedContacts(tx, options.limit ?? 200, now, options.tenantIds);
      claimedIds = claimed.map((c) => c.contactId);
      attempts = Math.max(0, ...claimed.map((c) => c.attempts));
      const analysed: string[] = [];
      for (const [tenantId, contacts] of groupByTenant(claimed)) {
        analysed.push(...(await analyseForTenant(scopeTo(tx, tenantId), contacts, now)));
      }
      await removeFromQueue(tx, claimedIds);
      await options.beforeCommit?.(analysed, tx);
      return { claimed: claimed.length, analysed };
    });
  } catch (error) {
    // The batch is back in the queue; wait before trying it again so one bad batch cannot spin.
    await postponeQueued(
      db,
      claimedIds,
      error instanceof Error ? error.message : String(error),
      new Date(now.getTime() + retryDelayMs(attempts)),
    ).catch(() => undefined);
    throw error;
  }
}

async function analyseForTenant(scope: TenantScope, contacts: QueuedContact[], now: Date): Promise<string[]> {
  const model = await activeAnalysis(scope);
  const hashes = contacts.map((c) => hashOf(c.text));
  const done = await analysedHashes(
    scope,
    contacts.map((c) => c.contactId),
    model.version,
  );
  const todo = contacts
    .map((contact, i) => ({ contact, hash: hashes[i]! }))
    .filter(({ contact, hash }) => done.get(contact.contactId) !== hash);
  if (todo.length === 0) return [];

  const counts = model.topicModel ? await cachedTopicCounts(scope, model.version, now) : new Map<string, number>();
  let total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const firstSeen = await firstContactDates(scope, [...new Set(todo.map((t) => t.contact.customerId))]);

  const rows = todo.map(({ contact, hash }): StoredAnalysis => {
    const text = analyzeText(contact.text);
    const topic = model.topicModel ? model.topicModel.classifier.predict(contact.text, 0) : null;
    const seen = topic ? (counts.get(topic.label) ?? 0) : 0;
    const first = firstSeen.get(contact.customerId);
    const insight = scoreInsight({
      sentimentScore: text.sentimentScore,
      cues: text.cues.map((c) => c.kind),
      topic,
      topicShare: topic && total > 0 ? seen / total : null,
      // "New" only once the organisation has some history to be new against.
      firstOfTopic: topic !== null && total >= 50 && seen === 0,
      longStandingCustomer: first !== undefined && contact.occurredAt.getTime() - first.getTime() >= LONG_STANDING_MS,
    });
    if (topic) {
      counts.set(topic.label, seen + 1);
      total++;
    }
    return {
      contactId: contact.contactId,
      modelVersion: model.version,
      textHash: hash,
      sentiment: text.sentiment,
      sentimentScore: text.sentimentScore,
      cues: text.cues,
      topic: topic?.label ?? null,
      topicConfidence: topic ? Math.round(topic.confidence * 1000) / 1000 : null,
      insightScore: insight.score,
      insightReasons: insight.reasons,
      redactedText: text.redacted,
      personalData: text.personalData,
    };
  });
  await saveAnalyses(scope, rows, now);
  return rows.map((r) => r.contactId);
}

/**
 * How common each topic is, read from the database at most once a minute per organisation and
 * version and counted on in between: counting every analysis on every batch grows with history.
 * Rarity is a ranking signal, so a count a minute old (or missing another process's batches) is fine.
 */
const topicCountCache = new Map<string, { readAt: number; counts: Map<string, number> }>();
const TOPIC_COUNTS_TTL_MS = 60_000;

async function cachedTopicCounts(scope: TenantScope, version: string, now: Date): Promise<Map<string, number>> {
  const key = `${scope.tenantId}:${version}`;
  const cached = topicCountCache.get(key);
  if (cached && Math.abs(now.getTime() - cached.readAt) < TOPIC_COUNTS_TTL_MS) return cached.counts;
  const counts = await topicCounts(scope, version);
  if (topicCountCache.size > 1000) topicCountCache.clear();
  topicCountCache.set(key, { readAt: now.getTime(), counts });
  return counts;
}

function groupByTenant(contacts: QueuedContact[]): Map<string, QueuedContact[]> {
  const groups = new Map<string, QueuedContact[]>();
  for (const contact of contacts) {
    const group = groups.get(contact.tenantId) ?? [];
    group.push(contact);
    groups.set(contact.tenantId, group);
  }
  return groups;
}
