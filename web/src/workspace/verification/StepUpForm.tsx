import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconMessage2Code } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VerificationSession, VerificationStanding } from '../../api/types';
import { useCheckCode, useSendCode, verificationProblem } from './queries';
import { Refusal } from './VerificationResult';

interface Props {
  customerId: string;
  session: VerificationSession;
  channels: VerificationStanding['stepUpChannels'];
}

const CHANNEL_LABEL = { sms: 'Text message', email: 'Email' } as const;

/**
 * A one-time code to a channel registered and verified on the record, then the code the caller
 * reads out. Where it went is said as the server says it ("the mobile number registered on the
 * account"), never with its digits.
 */
export function StepUpForm({ customerId, session, channels }: Props) {
  const send = useSendCode(customerId, session.id);
  const check = useCheckCode(customerId, session.id);
  const [channel, setChannel] = useState<'sms' | 'email'>(channels[0] ?? 'sms');
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const waiting = session.stepUp.codeSent;

  useEffect(() => {
    if (waiting) codeInput.current?.focus();
    else sendButton.current?.focus();
  }, [waiting]);

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{6}$/.test(code) && !check.isPending) check.mutate(code, { onSettled: () => setCode('') });
  };

  if (channels.length === 0)
    return (
      <Text size="sm" c="gray.7">
        The record has no verified phone or email to send a code to, so the caller cannot be checked further.
      </Text>
    );

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap" align="flex-end">
        {channels.length > 1 ? (
          <SegmentedControl
            size="xs"
            value={channel}
            onChange={(value) => setChannel(value as 'sms' | 'email')}
            data={channels.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
            aria-label="Send the code by"
          />
        ) : null}
        <Button
          ref={sendButton}
          size="xs"
          variant={waiting ? 'default' : 'filled'}
          leftSection={<IconMessage2Code size={16} aria-hidden />}
          loading={send.isPending}
          onClick={() => send.mutate(channels.length > 1 ? channel : undefined)}
        >
          {waiting
            ? 'Send a new code'
            : `Send a code by ${CHANNEL_LABEL[channels.length > 1 ? channel : channels[0]!].toLowerCase()}`}
        </Button>
      </Group>
      {send.data ? (
        <Text size="sm" role="status">
          A code was sent to {send.data.sentTo}. It works for {Math.round(send.data.expiresInSeconds / 60)} minutes.
        </Text>
      ) : null}
      {send.isError ? <Refusal title="No code was sent" message={verificationProblem(send.error)} /> : null}
      {waiting ? (
        <form onSubmit={submitCode} noValidate aria-label="The code the caller reads out">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              ref={codeInput}
              label="Code the caller reads out"
              description={`${session.stepUp.triesLeft} ${session.stepUp.triesLeft === 1 ? 'try' : 'tries'} left`}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              w={220}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
            />
            <Button type="submit" size="xs" loading={check.isPending} disabled={code.length !== 6}>
              Check code
            </Button>
          </Group>
        </form>
      ) : null}
      {check.data?.result === 'fail' ? (
        <Refusal title="That code is not right" message="Ask the caller to read it again, or send a new one." />
      ) : null}
      {check.isError ? <Refusal title="The code was not checked" message={verificationProblem(check.error)} /> : null}
    </Stack>
  );
}
