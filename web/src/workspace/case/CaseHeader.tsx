import { Badge, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconStairsUp } from '@tabler/icons-react';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useCaseAction } from '../actions/useCaseAction';
import { RelativeTime } from '../format';
import { usePeopleNames } from '../queries';
import { SlaClocks } from './SlaClocks';

const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'].map((s) => ({
  value: s,
  label: s[0]!.toUpperCase() + s.slice(1),
}));
const PRIORITIES = ['low', 'normal', 'high', 'urgent'].map((s) => ({
  value: s,
  label: s[0]!.toUpperCase() + s.slice(1),
}));

/** What the case is, who holds it, where it stands, and its SLA clocks. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { userName, teamName } = usePeopleNames();
  const change = useCaseAction<{ status?: string; priority?: string }>({
    caseId: detail.id,
    customerId: detail.customerId,
    run: (body) => api(`/cases/${detail.id}`, { method: 'PATCH', body }),
    success: (body) => (body.status ? `Status changed to ${body.status}` : `Priority changed to ${body.priority}`),
  });
  const owner = detail.ownerId ? (userName(detail.ownerId) ?? 'a colleague') : 'nobody yet';
  const team = teamName(detail.teamId);

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text ff="monospace" fw={700} c="gray.7" size="sm">
              {detail.reference}
            </Text>
            {detail.escalationLevel > 0 ? (
              <Badge color="red.9" size="sm" leftSection={<IconStairsUp size={12} aria-hidden />}>
                Escalated, level {detail.escalationLevel}
              </Badge>
            ) : null}
            {detail.repeatContacts ? (
              <Badge color="red" c="red.9" variant="light" size="sm">
                {detail.repeatContacts} repeat {detail.repeatContacts === 1 ? 'contact' : 'contacts'}
              </Badge>
            ) : null}
          </Group>
          <Title order={2} size="h3">
            {detail.subject}
          </Title>
          <Group gap="md" mt={2}>
            <Text size="sm">
              Owner: <strong>{owner}</strong>
            </Text>
            <Text size="sm">
              Team: <strong>{team ?? (detail.teamId ? 'a team' : 'none')}</strong>
            </Text>
            <Text size="sm" c="gray.7">
              Opened <RelativeTime iso={detail.createdAt} /> · updated <RelativeTime iso={detail.updatedAt} />
            </Text>
          </Group>
        </div>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Select
            size="xs"
            w={120}
            label="Status"
            data={STATUSES}
            value={detail.status}
            allowDeselect={false}
            onChange={(status) => status && status !== detail.status && change.mutate({ status })}
            disabled={change.isPending}
          />
          <Select
            size="xs"
            w={110}
            label="Priority"
            data={PRIORITIES}
            value={detail.priority}
            allowDeselect={false}
            onChange={(priority) => priority && priority !== detail.priority && change.mutate({ priority })}
            disabled={change.isPending}
          />
        </Group>
      </Group>
      {change.error ? (
        <Text size="sm" c="red.8" role="alert">
          Not changed: {change.error.message}
        </Text>
      ) : null}
      <SlaClocks caseId={detail.id} />
    </Stack>
  );
}
