import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { AdminTable, FormError, ListStates, Panel, SectionHeader } from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import { SlaCalendarsPanel } from './SlaCalendars';
import { SlaPreviewCard } from './SlaPreviewCard';
import type { Calendar, SlaPolicy, SlaPolicyRequest } from './types';

/** 90 → "1 h 30 min"; 2880 → "2 days". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

export function SlaSection() {
  const policies = useAdminQuery<{ items: SlaPolicy[] }>(adminKeys.policies, '/sla/policies');
  const calendars = useAdminQuery<{ items: Calendar[] }>(adminKeys.calendars, '/sla/calendars');
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const calendarName = new Map((calendars.data?.items ?? []).map((c) => [c.id, `${c.name} (${c.timezone})`]));
  const items = policies.data?.items ?? [];

  return (
    <>
      <SectionHeader
        title="SLA"
        intro="What you promise for each priority: first response, next update and resolution, in business minutes on a calendar of opening hours and holidays. Unsolved cases follow a change at once."
      />
      <Stack gap="md">
        <Panel title="Policies by priority" id="admin-sla-policies">
          <ListStates
            query={policies}
            total={items.length}
            filtered={items}
            empty={{ title: 'No priorities', body: '' }}
            noMatch=""
          >
            {(rows) => (
              <AdminTable
                label="SLA policies"
                columns={['Priority', 'First response', 'Next update', 'Resolution', 'Calendar', 'Warning', '']}
              >
                {rows.map((p) => (
                  <Table.Tr key={p.priority}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={600} tt="capitalize">
                          {p.priority}
                        </Text>
                        {p.isDefault ? (
                          <Badge size="xs" variant="light" color="gray" tt="none">
                            default
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatMinutes(p.firstResponseMinutes)}</Table.Td>
                    <Table.Td>{formatMinutes(p.nextUpdateMinutes)}</Table.Td>
                    <Table.Td>{formatMinutes(p.resolutionMinutes)}</Table.Td>
                    <Table.Td>{p.calendarId ? (calendarName.get(p.calendarId) ?? '—') : 'Open 24/7'}</Table.Td>
                    <Table.Td>
                      {p.warnBeforeMinutes !== null
                        ? `${formatMinutes(p.warnBeforeMinutes)} before`
                        : `at ${p.warnAtPercent ?? 80}% used`}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        variant="subtle"
                        size="xs"
                        onClick={() => setEditing(p)}
                        aria-label={`Edit the ${p.priority} policy`}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </AdminTable>
            )}
          </ListStates>
        </Panel>
        <SlaCalendarsPanel calendars={calendars} />
      </Stack>
      {editing ? (
        <PolicyModal policy={editing} calendars={calendars.data?.items ?? []} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function PolicyModal({
  policy,
  calendars,
  onClose,
}: {
  policy: SlaPolicy;
  calendars: Calendar[];
  onClose: () => void;
}) {
  const [targets, setTargets] = useState({
    firstResponseMinutes: policy.firstResponseMinutes,
    nextUpdateMinutes: policy.nextUpdateMinutes,
    resolutionMinutes: policy.resolutionMinutes,
  });
  const [calendarId, setCalendarId] = useState<string>(policy.calendarId ?? '');
  const [warnAtPercent, setWarnAtPercent] = useState<number>(policy.warnAtPercent ?? 80);
  const save = useAdminChange<SlaPolicyRequest, SlaPolicy>(
    (body) => ({ path: `/sla/policies/${policy.priority}`, method: 'PUT', body }),
    [adminKeys.policies],
  );
  const reset = useAdminChange<void, SlaPolicy>(
    () => ({ path: `/sla/policies/${policy.priority}`, method: 'DELETE' }),
    [adminKeys.policies],
  );
  const valid = Object.values(targets).every((v) => Number.isInteger(v) && v >= 1);
  const body = { ...targets, calendarId: calendarId || null, warnAtPercent };
  const minutesField = (key: keyof typeof targets, label: string, description: string) => (
    <NumberInput
      label={label}
      description={description}
      required
      min={1}
      step={15}
      allowDecimal={false}
      suffix=" min"
      value={targets[key]}
      onChange={(v) => setTargets({ ...targets, [key]: typeof v === 'number' ? v : 0 })}
      rightSectionWidth={0}
    />
  );
  const done = (message: string) => () => {
    notifications.show({ color: 'green', message });
    onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={`SLA for ${policy.priority} cases`}
      size="xl"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(body, { onSuccess: done(`The ${policy.priority} SLA is saved`) });
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            {minutesField('firstResponseMinutes', 'First response', 'From opening to the first reply')}
            {minutesField('nextUpdateMinutes', 'Next update', 'Between replies; paused while pending')}
            {minutesField('resolutionMinutes', 'Resolution', 'From opening to solved')}
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Business hours"
              data={[
                { value: '', label: 'Open 24/7' },
                ...calendars.map((c) => ({ value: c.id, label: `${c.name} (${c.timezone})` })),
              ]}
              value={calendarId}
              onChange={(v) => setCalendarId(v ?? '')}
              allowDeselect={false}
            />
            <NumberInput
              label="Warn when this share is used"
              min={1}
              max={99}
              allowDecimal={false}
              suffix=" %"
              value={warnAtPercent}
              onChange={(v) => setWarnAtPercent(typeof v === 'number' ? v : 80)}
            />
          </Group>
          {valid ? <SlaPreviewCard request={{ priority: policy.priority, ...body }} /> : null}
          <FormError error={save.error ?? reset.error} />
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="gray"
              disabled={policy.isDefault}
              loading={reset.isPending}
              onClick={() =>
                reset.mutate(undefined, { onSuccess: done(`The ${policy.priority} SLA is back to the default`) })
              }
            >
              Back to the default
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!valid}>
                Save policy
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
