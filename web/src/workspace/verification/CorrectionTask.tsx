import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconChecks, IconFileDiff } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { RecordCorrection } from '../../api/types';
import { ErrorState } from '../../components/states';
import { notifyDone } from '../notify';
import { useDecideCorrection, useRecordCorrection, verificationProblem } from './queries';
import { Refusal } from './VerificationResult';

const FIELD_LABEL: Record<RecordCorrection['discrepancies'][number]['field'], string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  postcode: 'Postcode',
};

/**
 * The record-correction task a passed code opened: only now, and only to those who may correct
 * records, what the record holds next to what the verified caller said. Apply writes the
 * caller's values (the old ones stay in the record's history); dismiss says why not.
 */
export function CorrectionTask({ customerId, correctionId }: { customerId: string; correctionId: string }) {
  const [opened, setOpened] = useState(false);
  const correction = useRecordCorrection(correctionId, opened);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (opened) heading.current?.focus();
  }, [opened]);

  if (!opened)
    return (
      <Group gap="xs">
        <Text size="sm">The caller is verified and what they said differs from the record.</Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconFileDiff size={16} aria-hidden />}
          onClick={() => setOpened(true)}
        >
          Open the record correction
        </Button>
      </Group>
    );

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="record-correction-heading">
      <Stack gap="xs">
        <Title order={3} size="h5" id="record-correction-heading" ref={heading} tabIndex={-1}>
          Record correction
        </Title>
        {correction.isPending ? (
          <Skeleton h={40} aria-hidden />
        ) : correction.isError ? (
          <ErrorState
            error={correction.error}
            onRetry={() => void correction.refetch()}
            title="The task could not be loaded"
          />
        ) : (
          <CorrectionDetails customerId={customerId} correction={correction.data} />
        )}
      </Stack>
    </Paper>
  );
}

function CorrectionDetails({ customerId, correction }: { customerId: string; correction: RecordCorrection }) {
  const decide = useDecideCorrection(customerId, correction.id);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const open = correction.status === 'open';

  const apply = () =>
    decide.mutate(
      { apply: true, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => notifyDone('The record is corrected; the old values are kept in its history') },
    );
  const dismiss = () => {
    setNoteMissing(!note.trim());
    if (note.trim())
      decide.mutate({ apply: false, note: note.trim() }, { onSuccess: () => notifyDone('Correction dismissed') });
  };

  return (
    <>
      <Table withTableBorder verticalSpacing={4} aria-label="What differs from the record">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>The record holds</Table.Th>
            <Table.Th>The verified caller says</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {correction.discrepancies.map((d) => (
            <Table.Tr key={d.field}>
              <Table.Td>{FIELD_LABEL[d.field]}</Table.Td>
              <Table.Td>{d.stored}</Table.Td>
              <Table.Td fw={600}>{d.claimed}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open ? (
        <>
          <Textarea
            label="Note"
            description="Why the record was wrong, or why it stays (required to dismiss)"
            autosize
            minRows={1}
            value={note}
            error={noteMissing ? 'Say why the record stays as it is' : undefined}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group gap="xs" justify="flex-end">
            <Button
              size="xs"
              variant="default"
              onClick={dismiss}
              loading={decide.isPending && !decide.variables?.apply}
            >
              Dismiss
            </Button>
            <Button
              size="xs"
              leftSection={<IconChecks size={16} aria-hidden />}
              onClick={apply}
              loading={decide.isPending && decide.variables?.apply}
            >
              Apply to the record
            </Button>
          </Group>
        </>
      ) : (
        <Group gap="xs">
          <Badge variant="light" color={correction.status === 'applied' ? 'green' : 'gray'} tt="none">
            {correction.status === 'applied' ? 'Applied' : 'Dismissed'}
          </Badge>
          {correction.note ? <Text size="sm">{correction.note}</Text> : null}
        </Group>
      )}
      {decide.isError ? <Refusal title="Not done" message={verificationProblem(decide.error)} /> : null}
    </>
  );
}
