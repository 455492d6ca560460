import { Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import {
  IconArrowsExchange,
  IconBug,
  IconPhoneCall,
  IconShare,
  IconStairsUp,
  IconUserCheck,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { CallbackModal } from './CallbackModal';
import { EscalateModal } from './EscalateModal';
import { ProblemModal } from './ProblemModal';
import { ShareModal } from './ShareModal';
import { TransferModal } from './TransferModal';
import { useCaseAction } from './useCaseAction';

export type CaseDialog = 'transfer' | 'escalate' | 'callback' | 'problem' | 'share';

interface Props {
  caseId: string;
  customerId: string;
  myId: string | null;
  ownerId: string | null;
  problemId: string | null;
  closed: boolean;
  dialog: CaseDialog | null;
  setDialog: (dialog: CaseDialog | null) => void;
  /** Assigning is shared with the A shortcut. */
  assign: ReturnType<typeof useAssignToMe>;
}

/** Take the case, assigning it to me (button and the A shortcut). */
export function useAssignToMe(caseId: string, customerId: string, myId: string | null) {
  return useCaseAction({
    caseId,
    customerId,
    run: () => api(`/cases/${caseId}`, { method: 'PATCH', body: { ownerId: myId } }),
    success: () => 'The case is yours',
  });
}

function WithKey({ shortcut, children }: { shortcut: string; children: ReactNode }) {
  return (
    <Tooltip
      label={
        <>
          Shortcut <Kbd size="xs">{shortcut}</Kbd>
        </>
      }
      openDelay={400}
    >
      {children}
    </Tooltip>
  );
}

/** What an agent can do with the case, each a button with its dialog. */
export function ActionBar({ caseId, customerId, myId, ownerId, problemId, closed, dialog, setDialog, assign }: Props) {
  const close = () => setDialog(null);
  const [opened, setOpened] = useState<ReadonlySet<CaseDialog>>(new Set());
  if (dialog && !opened.has(dialog)) setOpened(new Set(opened).add(dialog));
  return (
    <>
      <Group gap="xs" wrap="wrap">
        {myId && ownerId !== myId ? (
          <WithKey shortcut="A">
            <Button
              size="xs"
              leftSection={<IconUserCheck size={16} aria-hidden />}
              loading={assign.isPending}
              onClick={() => assign.mutate(undefined)}
              disabled={closed}
            >
              Assign to me
            </Button>
          </WithKey>
        ) : null}
        <WithKey shortcut="T">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconArrowsExchange size={16} aria-hidden />}
            onClick={() => setDialog('transfer')}
            disabled={closed}
          >
            Transfer
          </Button>
        </WithKey>
        <WithKey shortcut="E">
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconStairsUp size={16} aria-hidden />}
            onClick={() => setDialog('escalate')}
            disabled={closed}
          >
            Escalate
          </Button>
        </WithKey>
        <WithKey shortcut="B">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPhoneCall size={16} aria-hidden />}
            onClick={() => setDialog('callback')}
            disabled={closed}
          >
            Book callback
          </Button>
        </WithKey>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconBug size={16} aria-hidden />}
          onClick={() => setDialog('problem')}
        >
          Link to problem
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconShare size={16} aria-hidden />}
          onClick={() => setDialog('share')}
          disabled={closed}
        >
          Share with partner
        </Button>
      </Group>
      {assign.error ? (
        <Text size="sm" c="red.8" mt={4} role="alert">
          Not assigned: {assign.error.message}
        </Text>
      ) : null}
      {/* Each dialog is drawn from its first opening on (and kept, so it can animate closed), not with the case. */}
      {opened.has('transfer') ? (
        <TransferModal opened={dialog === 'transfer'} onClose={close} caseId={caseId} customerId={customerId} />
      ) : null}
      {opened.has('escalate') ? (
        <EscalateModal opened={dialog === 'escalate'} onClose={close} caseId={caseId} customerId={customerId} />
      ) : null}
      {opened.has('callback') ? (
        <CallbackModal opened={dialog === 'callback'} onClose={close} caseId={caseId} customerId={customerId} />
      ) : null}
      {opened.has('problem') ? (
        <ProblemModal
          opened={dialog === 'problem'}
          onClose={close}
          caseId={caseId}
          customerId={customerId}
          linkedProblemId={problemId}
        />
      ) : null}
      {opened.has('share') ? (
        <ShareModal opened={dialog === 'share'} onClose={close} caseId={caseId} customerId={customerId} />
      ) : null}
    </>
  );
}
