import { Box, Paper, Stack, Title, VisuallyHidden } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { CaseDetail } from '../../api/types';
import { ErrorState, Loading } from '../../components/states';
import { useAfterFirstPaint } from '../../components/useAfterFirstPaint';
import { useMe } from '../../session/session';
import { ActionBar, useAssignToMe, type CaseDialog } from '../actions/ActionBar';
import { HandoffBanners } from '../actions/HandoffBanners';
import { CustomerPanel } from '../customer/CustomerPanel';
import { useCase, useCaseScreen, useCustomer, useTimeline } from '../queries';
import { unlessDialogOpen } from '../../components/shortcuts';
import { Timeline } from '../timeline/Timeline';
import { VerificationPanel } from '../verification/VerificationPanel';
import { CaseHeader } from './CaseHeader';
import { Composer, type ComposerHandle } from './Composer';

/** About the height of the composer with an empty reply. */
const COMPOSER_HEIGHT = 241;

/** A case, customer first: who they are and what they have been through, then the case and what to do about it. */
export function CaseView() {
  const { caseId = '' } = useParams();
  const screen = useCaseScreen(caseId);
  // Once the screen's one answer is in, the case is in the cache; if that answer failed, the case asks alone.
  const detail = useCase(caseId, !screen.isPending);
  if (detail.isPending) return <Loading label="Opening the case…" />;
  if (detail.isError) {
    return (
      <Box p="lg">
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} title="This case could not be opened" />
      </Box>
    );
  }
  // A fresh screen per case: dialogs and their half-typed fields belong to the case they were opened on.
  return <OpenCase key={detail.data.id} detail={detail.data} />;
}

function OpenCase({ detail }: { detail: CaseDetail }) {
  const me = useMe();
  const customer = useCustomer(detail.customerId);
  const timeline = useTimeline(detail.customerId);
  const composer = useRef<ComposerHandle>(null);
  const [dialog, setDialog] = useState<CaseDialog | null>(null);
  const assign = useAssignToMe(detail.id, detail.customerId, me.id);
  const closed = detail.status === 'closed';
  // The composer sits below the case and measures its text box as it mounts: drawn a frame after
  // the customer and the case, which show first. Its room is kept, so nothing below moves.
  const painted = useAfterFirstPaint();

  // Replies go out on the channel of the customer's latest message on this case.
  const replyChannel = useMemo(() => {
    for (const item of timeline.data?.pages.flatMap((p) => p.items) ?? []) {
      if (item.type === 'contact' && item.caseId === detail.id && item.direction === 'inbound')
        return item.channel ?? null;
    }
    return null;
  }, [timeline.data, detail.id]);

  useHotkeys([
    ['r', unlessDialogOpen(() => composer.current?.focus('reply'))],
    ['n', unlessDialogOpen(() => composer.current?.focus('note'))],
    [
      'a',
      unlessDialogOpen(
        () => me.id !== null && detail.ownerId !== me.id && !closed && !assign.isPending && assign.mutate(undefined),
      ),
    ],
    ['t', unlessDialogOpen(() => !closed && setDialog('transfer'))],
    ['e', unlessDialogOpen(() => !closed && setDialog('escalate'))],
    ['b', unlessDialogOpen(() => !closed && setDialog('callback'))],
  ]);

  return (
    <Stack gap="md" p="lg" maw={1200}>
      <VisuallyHidden>
        <Title order={1}>
          Case {detail.reference}: {detail.subject}
        </Title>
      </VisuallyHidden>
      <HandoffBanners caseId={detail.id} customerId={detail.customerId} />
      <CustomerPanel customerId={detail.customerId} caseId={detail.id} />
      <VerificationPanel customerId={detail.customerId} caseId={detail.id} />
      <Paper component="section" aria-label="Case" withBorder p="md">
        <Stack gap="sm">
          <CaseHeader detail={detail} />
          <ActionBar
            caseId={detail.id}
            customerId={detail.customerId}
            myId={me.id}
            ownerId={detail.ownerId}
            problemId={detail.problemId}
            closed={closed}
            dialog={dialog}
            setDialog={setDialog}
            assign={assign}
          />
        </Stack>
      </Paper>
      {closed ? null : painted ? (
        <Composer ref={composer} caseId={detail.id} customerId={detail.customerId} replyChannel={replyChannel} />
      ) : (
        <Box mih={COMPOSER_HEIGHT} aria-hidden />
      )}
      <Timeline customerId={detail.customerId} customerName={customer.data?.name} openCaseId={detail.id} />
    </Stack>
  );
}
