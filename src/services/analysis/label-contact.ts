import { invalid, notFound } from '../../errors.ts';
import { insertAnalysisLabel, type AnalysisLabel } from '../../store/repositories/analysis-labels.ts';
import { latestAnalyses } from '../../store/repositories/contact-analyses.ts';
import { findContact } from '../../store/repositories/contacts.ts';
import type { Actor } from '../actor.ts';
import { analysisView } from './analysis-view.ts';

export interface LabelInput {
  topic?: string | undefined;
  sentiment?: 'negative' | 'neutral' | 'positive' | undefined;
  cues?: string[] | undefined;
  note?: string | undefined;
}

/**
 * An expert's reading of a contact. What the analysis said at that moment is kept beside it, so
 * an audit can compare the two even after the contact is analysed again by another model.
 */
export async function labelContact(actor: Actor, contactId: string, input: LabelInput): Promise<AnalysisLabel> {
  if (!actor.userId)
    throw invalid('Labels are given by a person: sign in, or use a token that belongs to a user', {
      reason: 'reviewer_required',
    });
  const topic = input.topic?.trim() || undefined;
  const note = input.note?.trim() || undefined;
  if (topic === undefined && input.sentiment === undefined && input.cues === undefined && note === undefined) {
    throw invalid('Give at least one of topic, sentiment, cues or note', { reason: 'empty_label' });
  }
  const contact = await findContact(actor.scope, contactId);
  if (!contact) throw notFound('Contact');
  const analysis = (await latestAnalyses(actor.scope, [contactId])).get(contactId);
  return insertAnalysisLabel(actor.scope, {
    contactId,
    reviewerId: actor.userId,
    topic: topic ?? null,
    sentiment: input.sentiment ?? null,
    cues: input.cues === undefined ? null : [...new Set(input.cues)].sort(),
    note: note ?? null,
    modelVersion: analysis?.modelVersion ?? null,
    analysisSnapshot: analysis ? analysisView(analysis) : null,
  });
}
