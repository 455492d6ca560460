import { Badge, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { PendingEscalation } from '../api/types';
import { Empty } from '../components/states';
import { CaseLink } from './CaseLink';
import { Countdown } from './Countdown';
import { SectionCard } from '../components/SectionCard';
import { SectionTable } from './SectionTable';

const deadlineOrder = (e: PendingEscalation) => new Date(e.deadline).getTime();

/** Escalations nobody has taken yet, the nearest deadline first; `total` counts them all, listed or not. */
export function EscalationsSection({
  escalations,
  total,
  now,
}: {
  escalations: PendingEscalation[];
  total: number;
  now: number;
}) {
  const rows = [...escalations].sort((a, b) => deadlineOrder(a) - deadlineOrder(b));
  return (
    <SectionCard
      title="Escalations waiting"
      id="supervisor-escalations"
      aside={
        <Badge variant="light" tt="none" color={total ? 'orange' : 'gray'}>
          {total} waiting
        </Badge>
      }
    >
      {rows.length === 0 ? (
        <Empty title="No escalations waiting" icon={<IconCircleCheck size={22} aria-hidden />}>
          When an agent escalates a case, it shows here until someone takes it.
        </Empty>
      ) : (
        <SectionTable
          columns={['Case', 'Subject', 'Level', 'Reason', 'To', 'Deadline']}
          note={rows.length < total ? `The ${rows.length} nearest deadlines of ${total}.` : null}
          scrolls
        >
          {rows.map((e) => (
            <Table.Tr key={e.escalationId}>
              <Table.Td>
                <CaseLink caseId={e.caseId} reference={e.reference} />
              </Table.Td>
              <Table.Td maw={220}>
                <Text size="sm" lineClamp={2}>
                  {e.subject}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  Level {e.level}
                </Text>
              </Table.Td>
              <Table.Td maw={260}>
                <Text size="sm">{e.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.targetUserName ?? e.targetTeamName ?? 'Unassigned'}</Text>
                {e.targetUserName && e.targetTeamName ? (
                  <Text size="xs" c="dimmed">
                    {e.targetTeamName}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Countdown deadline={e.deadline} now={now} />
              </Table.Td>
            </Table.Tr>
          ))}
        </SectionTable>
      )}
    </SectionCard>
  );
}
