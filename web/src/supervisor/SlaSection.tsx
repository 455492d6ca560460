import { Badge, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { SlaAlert, SlaMetric, SupervisorTotals } from '../api/types';
import { Empty } from '../components/states';
import { CaseLink } from './CaseLink';
import { SectionCard } from '../components/SectionCard';
import { SectionTable } from './SectionTable';
import { formatSpan, formatWhen } from './time';

const METRIC: Record<SlaMetric, string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

/** Breaches before warnings; within each, the one due (or overdue) longest first. */
function byUrgency(a: SlaAlert, b: SlaAlert): number {
  if (a.state !== b.state) return a.state === 'breached' ? -1 : 1;
  return new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
}

export function SlaSection({ alerts, totals, now }: { alerts: SlaAlert[]; totals: SupervisorTotals; now: number }) {
  const rows = [...alerts].sort(byUrgency);
  const total = totals.slaBreached + totals.slaWarnings;
  return (
    <SectionCard
      title="SLA breaches and warnings"
      id="supervisor-sla"
      aside={
        <Badge variant="light" tt="none" color={totals.slaBreached ? 'red' : totals.slaWarnings ? 'yellow' : 'gray'}>
          {totals.slaBreached} breached, {totals.slaWarnings} at risk
        </Badge>
      }
    >
      {rows.length === 0 ? (
        <Empty title="Every case is within its targets" icon={<IconCircleCheck size={22} aria-hidden />}>
          Cases close to or past a first response, next update or resolution target show here.
        </Empty>
      ) : (
        // The list is capped, breaches first: say so rather than let it pass for all of them.
        <SectionTable
          columns={['State', 'Case', 'Subject', 'Target', 'Due', 'Owner']}
          note={rows.length < total ? `The ${rows.length} most urgent of ${total}.` : null}
          scrolls
        >
          {rows.map((alert) => {
            const left = new Date(alert.dueAt).getTime() - now;
            return (
              <Table.Tr key={`${alert.caseId}:${alert.metric}`}>
                <Table.Td>
                  {alert.state === 'breached' ? (
                    <Badge color="red.9" variant="filled" tt="none" style={{ minWidth: 'max-content' }}>
                      Breached
                    </Badge>
                  ) : (
                    <Badge color="yellow" variant="light" c="yellow.9" tt="none" style={{ minWidth: 'max-content' }}>
                      Warning
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <CaseLink caseId={alert.caseId} reference={alert.reference} />
                </Table.Td>
                <Table.Td maw={240}>
                  <Text size="sm" lineClamp={2}>
                    {alert.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{METRIC[alert.metric]}</Text>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    fw={left < 0 ? 700 : 500}
                    c={left < 0 ? 'red.8' : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {left < 0 ? `${formatSpan(left)} overdue` : `in ${formatSpan(left)}`}
                  </Text>
                  <Text size="xs" c="dimmed" component="time" dateTime={alert.dueAt} style={{ whiteSpace: 'nowrap' }}>
                    {formatWhen(alert.dueAt, now)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{alert.ownerName ?? 'Nobody yet'}</Text>
                  {alert.teamName ? (
                    <Text size="xs" c="dimmed">
                      {alert.teamName}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </SectionTable>
      )}
    </SectionCard>
  );
}
