import type { ReplyComposer } from './channel-runtime.ts';
import { formatCaseReference } from '../../../domain/channels/case-reference.ts';

/** A portal reply needs no sending: the customer reads it on their case in the portal. */
export const composePortalReply: ReplyComposer = async ({ kase }) => ({
  recipient: 'portal',
  payload: { caseReference: formatCaseReference(kase.number) },
});
