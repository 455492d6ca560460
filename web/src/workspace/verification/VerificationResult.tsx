import { Alert, Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { VerificationSession } from '../../api/types';
import { DARK_GREEN, DARK_ORANGE } from '../../components/readable';

const RESULT = {
  pass: { label: 'Pass', color: 'green', text: DARK_GREEN },
  partial: { label: 'Partial', color: 'orange', text: DARK_ORANGE },
  fail: { label: 'Fail', color: 'red', text: 'red.9' },
} as const;

const ASSURANCE = {
  none: 'No assurance: share and change nothing',
  low: 'Low assurance: knowledge only, low-risk help',
  medium: 'Medium assurance: code proved, the record can be corrected',
} as const;

/** Where the check stands: pass, partial or fail and the level of assurance, nothing about which field. */
export function VerificationResult({ session }: { session: VerificationSession }) {
  const result = session.result ? RESULT[session.result] : null;
  return (
    <Group gap="xs" wrap="wrap" role="status" aria-label="Verification result">
      {result ? (
        <Badge variant="light" color={result.color} c={result.text} tt="none" size="lg">
          {result.label}
        </Badge>
      ) : (
        <Badge variant="light" color="gray" c="gray.8" tt="none" size="lg">
          Not checked yet
        </Badge>
      )}
      <Text size="sm">{ASSURANCE[session.assurance]}</Text>
    </Group>
  );
}

/** A refusal or a failed step, in words the agent can act on. */
export function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
      {message}
    </Alert>
  );
}
