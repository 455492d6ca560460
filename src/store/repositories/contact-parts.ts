import { sql } from 'drizzle-orm';
import type { AutomatedKind } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** One part of a contact: a chat message or a timed transcript segment. */
export interface ContactSegment {
  speaker: string | null;
  speakerRole: 'customer' | 'agent' | 'system' | null;
  at: Date;
  startMs: number | null;
  endMs: number | null;
  text: string;
}

export interface ContactAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** Null when the file was not kept; omittedReason says why. */
  content: Buffer | null;
  omittedReason: string | null;
}

/** The channel's facts about a contact, beyond its text. Only given fields change. */
export async function setContactChannelFacts(
  scope: TenantScope,
  contactId: string,
  facts: {
    public?: boolean;
    automated?: AutomatedKind | null;
    repeat?: boolean;
    facts?: Record<string, unknown> | null;
    body?: string;
  },
): Promise<void> {
  const sets = [
    facts.public === undefined ? null : sql`public = ${facts.public}`,
    facts.automated === undefined ? null : sql`automated = ${facts.automated}`,
    facts.repeat === undefined ? null : sql`repeat = ${facts.repeat}`,
    facts.facts === undefined ? null : sql`facts = ${facts.facts === null ? null : JSON.stringify(facts.facts)}::jsonb`,
    facts.body === undefined ? null : sql`body = ${facts.body}`,
  ].filter((s) => s !== null);
  if (sets.length === 0) return;
  await scope.db.execute(
    sql`UPDATE contacts SET ${sql.join(sets, sql`, `)} WHERE tenant_id = ${scope.tenantId} AND id = ${contactId}`,
  );
}

/** Appends parts after those already stored; returns how many the contact has now. */
export async function appendSegments(
  scope: TenantScope,
  contactId: string,
  segments: ContactSegment[],
): Promise<number> {
  if (segments.length === 0) return countSegments(scope, contactId);
  const col = <K extends keyof ContactSegment>(key: K) => sql.param(segments.map((s) => s[key]));
  await scope.db.execute(sql`
    INSERT INTO contact_segments (tenant_id, contact_id, seq, speaker, speaker_role, at, start_ms, end_ms, text)
    SELECT ${scope.tenantId}, ${contactId},
           coalesce((SELECT max(seq) FROM contact_segments WHERE tenant_id = ${scope.tenantId} AND contact_id = ${contactId}), 0) + n,
           speaker, speaker_role, at, start_ms, end_ms, text
    FROM unnest(${col('speaker')}::text[], ${col('speakerRole')}::text[], ${col('at')}::timestamptz[],
                ${col('startMs')}::int[], ${col('endMs')}::int[], ${col('text')}::text[]) WITH ORDINALITY
      AS s(speaker, speaker_role, at, start_ms, end_ms, text, n)`);
  return countSegments(scope, contactId);
}

async function countSegments(scope: TenantScope, contactId: string): Promise<number> {
  const result = await scope.db.execute(sql`
    SELECT count(*)::int AS n FROM contact_segments WHERE tenant_id = ${scope.tenantId} AND contact_id = ${contactId}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

/** Replaces a contact's parts (a corrected transcript replaces the first one). */
export async function replaceSegments(
  scope: TenantScope,
  contactId: string,
  segments: ContactSegment[],
): Promise<void> {
  await scope.db.execute(
    sql`DELETE FROM contact_segments WHERE tenant_id = ${scope.tenantId} AND contact_id = ${contactId}`,
  );
  await appendSegments(scope, contactId, segments);
}

export async function listSegments(
  scope: TenantScope,
  contactId: string,
): Promise<(ContactSegment & { seq: number })[]> {
  const result = await scope.db.execute(sql`
    SELECT seq, speaker, speaker_role AS "speakerRole", at, start_ms AS "startMs", end_ms AS "endMs", text
    FROM contact_segments WHERE tenant_id = ${scope.tenantId} AND contact_id = ${contactId} ORDER BY seq`);
  return rowsOf<ContactSegment & { seq: number }>(result).map((r) => ({ ...r, at: new Date(r.at) }));
}

export async function insertAttachments(
  scope: TenantScope,
  contactId: string,
  files: ContactAttachment[],
): Promise<void> {
  for (const file of files) {
    await scope.db.execute(sql`
      INSERT INTO contact_attachments (tenant_id, contact_id, filename, content_type, size_bytes, content, omitted_reason)
      VALUES (${scope.tenantId}, ${contactId}, ${file.filename}, ${file.contentType}, ${file.sizeBytes}, ${file.content}, ${file.omittedReason})`);
  }
}

export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  kept: boolean;
  omittedReason: string | null;
}

export async function listAttachments(scope: TenantScope, contactId: string): Promise<AttachmentSummary[]> {
  const result = await scope.db.execute(sql`
    SELECT id, filename, content_type AS "contentType", size_bytes AS "sizeBytes", content IS NOT NULL AS kept, omitted_reason AS "omittedReason"
    FROM contact_attachments WHERE tenant_id = ${scope.tenantId} AND contact_id = ${contactId} ORDER BY created_at, filename`);
  return rowsOf<AttachmentSummary>(result);
}

export async function findAttachment(
  scope: TenantScope,
  id: string,
): Promise<
  { filename: string; contentType: string; content: Buffer | null; omittedReason: string | null } | undefined
> {
  const result = await scope.db.execute(sql`
    SELECT filename, content_type AS "contentType", content, omitted_reason AS "omittedReason"
    FROM contact_attachments WHERE tenant_id = ${scope.tenantId} AND id = ${id}`);
  const row = rowsOf<{
    filename: string;
    contentType: string;
    content: Buffer | Uint8Array | null;
    omittedReason: string | null;
  }>(result)[0];
  return row && { ...row, content: row.content === null ? null : Buffer.from(row.content) };
}
