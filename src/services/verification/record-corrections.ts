import { AppError, notFound } from '../../errors.ts';
import type { ClaimedAddress } from '../../domain/verification/compare-fields.ts';
import type { CorrectableField, Discrepancy } from '../../domain/verification/discrepancies.ts';
import {
  decideRecordCorrection,
  findCorrectableFields,
  findRecordCorrection,
  insertRecordHistory,
  listRecordCorrections,
  listRecordHistory,
  writeCorrectedFields,
} from '../../store/repositories/record-corrections.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import type { PostalAddress, RecordCorrectionRow } from '../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { recordVerificationEvent } from './verification-events.ts';

/**
 * A correction task as people allowed to correct records see it: "stored: 10 Orchard Row,
 * claimed: 30 Orchard Row". It exists only once a one-time code proved the caller.
 */
export function correctionView(row: RecordCorrectionRow) {
  return {
    id: row.id,
    customerId: row.customerId,
    sessionId: row.sessionId,
    status: row.status,
    discrepancies: (row.discrepancies as Discrepancy[]).map(({ field, stored, claimed }) => ({
      field,
      stored,
      claimed,
    })),
    openedAt: row.openedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedAt ? { userId: row.decidedBy, label: row.decidedLabel } : null,
    note: row.note,
  };
}

export async function listCorrections(
  scope: TenantScope,
  filter: { status: RecordCorrectionRow['status']; customerId?: string | undefined; limit: number },
) {
  const customerId = filter.customerId && ((await resolveCustomerId(scope, filter.customerId)) ?? filter.customerId);
  const rows = await listRecordCorrections(scope, { ...filter, customerId: customerId || undefined });
  return { items: rows.map(correctionView) };
}

export async function getCorrection(scope: TenantScope, id: string) {
  const row = await findRecordCorrection(scope, id);
  if (!row) throw notFound('Record correction');
  return correctionView(row);
}

async function openCorrection(scope: TenantScope, id: string) {
  const row = await findRecordCorrection(scope, id, { forUpdate: true });
  if (!row) throw notFound('Record correction');
  if (row.status !== 'open')
    throw new AppError('conflict', `This correction was already ${row.status}`, { reason: 'correction_decided' });
  return row;
}

/**
 * Writes what the verified caller said into the record, field by field (all, or those named),
 * and keeps each old value in the record's history with who changed it and why.
 */
export async function applyCorrection(
  actor: Actor,
  id: string,
  input: { fields?: CorrectableField[] | undefined; note?: string | undefined },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const row = await openCorrection(scope, id);
    const all = row.discrepancies as Discrepancy[];
    const chosen = input.fields ? all.filter((d) => input.fields!.includes(d.field)) : all;
    if (chosen.length === 0)
      throw new AppError('validation_failed', 'None of the fields named differ in this correction', {
        field: 'fields',
      });
    const current = await findCorrectableFields(scope, row.customerId);
    if (!current) throw notFound('Customer');
    const changes: { name?: string; dateOfBirth?: string; address?: PostalAddress } = {};
    let address: PostalAddress = { ...(current.address ?? {}) };
    const history: { field: string; oldValue: unknown; newValue: unknown }[] = [];
    for (const d of chosen) {
      if (d.field === 'name') {
        history.push({ field: 'name', oldValue: current.name, newValue: d.value });
        changes.name = d.value as string;
      } else if (d.field === 'dateOfBirth') {
        history.push({ field: 'dateOfBirth', oldValue: current.dateOfBirth, newValue: d.value });
        changes.dateOfBirth = d.value as string;
      } else if (d.field === 'address') {
        const claimed = d.value as ClaimedAddress;
        const next: PostalAddress = {
          ...address,
          line1: claimed.line1,
          ...(claimed.city ? { city: claimed.city } : {}),
        };
        if (claimed.line2) next.line2 = claimed.line2;
        else delete next.line2;
        history.push({ field: 'address', oldValue: address, newValue: next });
        address = next;
        changes.address = address;
      } else {
        const next = { ...address, postcode: d.value as string };
        history.push({ field: 'postcode', oldValue: address.postcode ?? null, newValue: next.postcode });
        address = next;
        changes.address = address;
      }
    }
    await writeCorrectedFields(scope, row.customerId, changes, now);
    await insertRecordHistory(
      scope,
      history.map((h) => ({
        customerId: row.customerId,
        field: h.field,
        oldValue: h.oldValue ?? null,
        newValue: h.newValue ?? null,
        correctionId: row.id,
        changedBy: actor.userId,
        changedLabel: actor.label,
        changedAt: now,
      })),
    );
    const decided = await decideRecordCorrection(scope, row.id, {
      status: 'applied',
      decidedBy: actor.userId,
      decidedLabel: actor.label,
      decidedAt: now,
      note: input.note?.trim() || null,
    });
    await recordVerificationEvent(scope, actor, {
      customerId: row.customerId,
      kind: 'record_corrected',
      at: now,
      data: { correctionId: row.id, fields: chosen.map((d) => d.field) },
    });
    return correctionView(decided);
  });
}

/** The caller was wrong, or the record is right after all: the task closes, the record stays. */
export async function dismissCorrection(actor: Actor, id: string, input: { note: string }, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const row = await openCorrection(scope, id);
    const decided = await decideRecordCorrection(scope, row.id, {
      status: 'dismissed',
      decidedBy: actor.userId,
      decidedLabel: actor.label,
      decidedAt: now,
      note: input.note.trim(),
    });
    await recordVerificationEvent(scope, actor, {
      customerId: row.customerId,
      kind: 'record_correction_dismissed',
      at: now,
      data: { correctionId: row.id },
    });
    return correctionView(decided);
  });
}

/** Every corrected field of a customer's record, newest first, with its old and new value. */
export async function recordHistory(scope: TenantScope, requestedId: string, limit: number) {
  const customerId = await resolveCustomerId(scope, requestedId);
  if (!customerId) throw notFound('Customer');
  const rows = await listRecordHistory(scope, customerId, limit);
  return {
    customerId,
    items: rows.map((r) => ({
      id: r.id,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      correctionId: r.correctionId,
      changedBy: { userId: r.changedBy, label: r.changedLabel },
      changedAt: r.changedAt.toISOString(),
    })),
  };
}
