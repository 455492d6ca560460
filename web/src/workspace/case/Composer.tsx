import { Alert, Button, Group, Kbd, Paper, Tabs, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconLock, IconSend } from '@tabler/icons-react';
import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { api, errorMessage } from '../../api/client';
import { channelLabel } from '../channels';
import { notifyDone } from '../notify';
import { useRefreshAfterChange } from '../queries';
import { DeliveryStatus } from './DeliveryStatus';
import { useDraft } from './useDraft';

export type ComposerMode = 'reply' | 'note';

/** Channels a written reply cannot go out on (the server refuses them, saying what to do instead). */
const NOT_IN_WRITING: Record<string, string> = {
  phone: 'a phone call: book a callback (B) rather than writing',
  forum: 'a forum post: answer it on the forum and note your answer here',
  social: 'a public post: answer it on its network and note your answer here',
};

function replyHint(channel: string | null): string {
  if (!channel) return "Replying on the customer's latest channel";
  const instead = NOT_IN_WRITING[channel];
  return instead
    ? `The customer's latest message on this case was ${instead}`
    : `Replying by ${channelLabel(channel).toLowerCase()}`;
}

export interface ComposerHandle {
  focus(mode: ComposerMode): void;
}

interface Props {
  caseId: string;
  customerId: string;
  /** The channel the reply goes out on: the customer's latest on this case. */
  replyChannel: string | null;
  ref?: Ref<ComposerHandle>;
}

/** Answer the customer on their channel, or leave a note for colleagues; Ctrl+Enter sends either. */
export function Composer({ caseId, customerId, replyChannel, ref }: Props) {
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [reply, setReply, clearReply] = useDraft(`${caseId}:reply`);
  const [note, setNote, clearNote] = useDraft(`${caseId}:note`);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const refresh = useRefreshAfterChange();
  const panelIds = useId();

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      // The tab panel mounts on the next frame.
      requestAnimationFrame(() => (next === 'reply' ? replyRef : noteRef).current?.focus());
    },
  }));

  const send = useMutation({
    mutationFn: (input: { mode: ComposerMode; text: string }) =>
      api(input.mode === 'reply' ? `/cases/${caseId}/replies` : `/cases/${caseId}/notes`, {
        method: 'POST',
        body: { text: input.text },
      }),
    onSuccess: (_, input) => {
      if (input.mode === 'reply') clearReply();
      else clearNote();
      notifyDone(input.mode === 'reply' ? `Reply sent by ${channelLabel(replyChannel).toLowerCase()}` : 'Note added');
      refresh(caseId, customerId);
    },
  });

  const submit = (which: ComposerMode) => {
    const text = which === 'reply' ? reply : note;
    if (text.trim() === '' || send.isPending) return;
    send.mutate({ mode: which, text });
  };
  const keys = (which: ComposerMode) =>
    getHotkeyHandler([
      ['ctrl+Enter', () => submit(which)],
      ['meta+Enter', () => submit(which)],
    ]);
  const failed = send.isError && send.variables?.mode === mode ? errorMessage(send.error) : null;

  return (
    <Paper withBorder p="sm">
      <Tabs value={mode} onChange={(v) => setMode(v === 'note' ? 'note' : 'reply')} keepMounted={false}>
        <Tabs.List mb="xs">
          <Tabs.Tab value="reply" leftSection={<IconSend size={14} aria-hidden />}>
            Reply
          </Tabs.Tab>
          <Tabs.Tab value="note" leftSection={<IconLock size={14} aria-hidden />}>
            Internal note
          </Tabs.Tab>
        </Tabs.List>
        {/* Panels carry their own names: labelled by their tabs, "Internal note" would name two things. */}
        <VisuallyHidden id={`${panelIds}-reply`}>Write to the customer</VisuallyHidden>
        <VisuallyHidden id={`${panelIds}-note`}>Write for colleagues</VisuallyHidden>
        <Tabs.Panel value="reply" aria-labelledby={`${panelIds}-reply`}>
          <Textarea
            ref={replyRef}
            label="Reply to customer"
            description={replyHint(replyChannel)}
            autosize
            minRows={3}
            maxRows={12}
            value={reply}
            onChange={(e) => setReply(e.currentTarget.value)}
            onKeyDown={keys('reply')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="note" aria-labelledby={`${panelIds}-note`}>
          <Textarea
            ref={noteRef}
            label="Internal note"
            description="Only colleagues see notes; the customer never does."
            autosize
            minRows={3}
            maxRows={12}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            onKeyDown={keys('note')}
            styles={{ input: { background: 'var(--mantine-color-yellow-0)' } }}
          />
        </Tabs.Panel>
      </Tabs>
      {failed ? (
        <Alert
          color="red"
          variant="light"
          mt="xs"
          title={mode === 'reply' ? 'The reply was not sent' : 'The note was not added'}
        >
          {failed}
        </Alert>
      ) : null}
      <Group justify="space-between" mt="xs" wrap="nowrap">
        {mode === 'reply' ? <DeliveryStatus caseId={caseId} /> : <span />}
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="gray.7">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
          {mode === 'reply' ? (
            <Button
              onClick={() => submit('reply')}
              loading={send.isPending && send.variables?.mode === 'reply'}
              disabled={reply.trim() === ''}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              Send reply
            </Button>
          ) : (
            <Button
              onClick={() => submit('note')}
              loading={send.isPending && send.variables?.mode === 'note'}
              disabled={note.trim() === ''}
              color="yellow.9"
              leftSection={<IconLock size={16} aria-hidden />}
            >
              Add note
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
