import { Button, Checkbox, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { TIME_ZONES } from './OrganisationSection';
import { AdminTable, FormError, ListStates, matches, Panel, SearchField, fieldError } from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { Calendar, CalendarRequest, Organisation } from './types';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Day = (typeof DAYS)[number][0];
type Hours = Record<Day, { open: boolean; from: string; to: string }>;

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00": runs of days with the same hours said once. */
const summary = (c: Calendar) => {
  const hours = c.weeklyHours as Partial<Record<Day, string[][]>>;
  const said = DAYS.map(([d, name]) => ({
    day: name.slice(0, 3),
    hours: (hours[d] ?? []).map((i) => i.join('–')).join(', '),
  }));
  const runs: { from: string; to: string; hours: string }[] = [];
  for (const { day, hours: h } of said) {
    const last = runs[runs.length - 1];
    if (last && last.hours === h) last.to = day;
    else runs.push({ from: day, to: day, hours: h });
  }
  const open = runs.filter((r) => r.hours !== '');
  if (open.length === 0) return 'Closed every day';
  return open.map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`} ${r.hours}`).join(' · ');
};

type QueryLike = {
  data?: { items: Calendar[] };
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

export function SlaCalendarsPanel({ calendars }: { calendars: QueryLike }) {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const all = calendars.data?.items ?? [];
  const filtered = all.filter((c) => matches(search, c.name, c.timezone));
  return (
    <Panel
      title="Business-hours calendars"
      id="admin-sla-calendars"
      aside={
        <Group gap="sm" wrap="nowrap">
          <SearchField label="Search calendars" value={search} onChange={setSearch} />
          <Button leftSection={<IconPlus size={16} aria-hidden />} variant="light" onClick={() => setEditing('new')}>
            Add a calendar
          </Button>
        </Group>
      }
    >
      <ListStates
        query={calendars}
        total={all.length}
        filtered={filtered}
        empty={{
          title: 'No calendars yet',
          body: 'Without one, SLA clocks run 24/7. Add your opening hours and holidays, then choose the calendar in a policy.',
        }}
        noMatch="No calendar matches that search"
      >
        {(items) => (
          <AdminTable
            label="Business-hours calendars"
            columns={['Calendar', 'Time zone', 'Opening hours', 'Holidays', '']}
          >
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={600}>{c.name}</Table.Td>
                <Table.Td>{c.timezone}</Table.Td>
                <Table.Td>
                  <Text size="sm">{summary(c)}</Text>
                </Table.Td>
                <Table.Td>{c.holidays.length === 0 ? '—' : `${c.holidays.length} day(s)`}</Table.Td>
                <Table.Td ta="right">
                  <Button variant="subtle" size="xs" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </AdminTable>
        )}
      </ListStates>
      {editing ? (
        <CalendarModal calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Panel>
  );
}

function initialHours(calendar: Calendar | null): Hours {
  const weekly = (calendar?.weeklyHours ?? {}) as Partial<Record<Day, string[][]>>;
  return Object.fromEntries(
    DAYS.map(([d]) => {
      const first = weekly[d]?.[0];
      const weekday = !['sat', 'sun'].includes(d);
      return [
        d,
        first
          ? { open: true, from: first[0]!, to: first[1]! }
          : { open: !calendar && weekday, from: '09:00', to: '17:00' },
      ];
    }),
  ) as Hours;
}

function CalendarModal({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const organisation = useAdminQuery<Organisation>(adminKeys.organisation, '/organisation');
  const [name, setName] = useState(calendar?.name ?? '');
  const [timezone, setTimezone] = useState<string | null>(calendar?.timezone ?? null);
  const [hours, setHours] = useState<Hours>(() => initialHours(calendar));
  const [holidays, setHolidays] = useState<string[]>(calendar?.holidays ?? []);
  const zone = timezone ?? organisation.data?.timeZone ?? 'UTC';
  const refresh = [adminKeys.calendars, adminKeys.policies];
  const save = useAdminChange<CalendarRequest, Calendar>(
    (body) =>
      calendar
        ? { path: `/sla/calendars/${calendar.id}`, method: 'PUT', body }
        : { path: '/sla/calendars', method: 'POST', body },
    refresh,
  );
  const remove = useAdminChange<void>(() => ({ path: `/sla/calendars/${calendar?.id}`, method: 'DELETE' }), refresh);
  const multiple = Object.values((calendar?.weeklyHours ?? {}) as Record<string, string[][]>).some((i) => i.length > 1);
  const done = (message: string) => () => {
    notifications.show({ color: 'green', message });
    onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={calendar ? `Edit ${calendar.name}` : 'Add a calendar'}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const weeklyHours = Object.fromEntries(
            DAYS.filter(([d]) => hours[d].open).map(([d]) => [d, [[hours[d].from, hours[d].to]]]),
          );
          save.mutate({ name, timezone: zone, weeklyHours, holidays }, { onSuccess: done(`${name} saved`) });
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(save.error, 'name')}
            />
            <Select
              label="Time zone"
              data={TIME_ZONES}
              value={zone}
              onChange={setTimezone}
              searchable
              allowDeselect={false}
            />
          </Group>
          <Text size="sm" fw={500}>
            Opening hours
          </Text>
          {multiple ? (
            <Text size="xs" c="orange.9">
              This calendar has several intervals on some days; saving here keeps the first of each day.
            </Text>
          ) : null}
          <Table withRowBorders={false} verticalSpacing={4} aria-label="Opening hours">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Opens</Table.Th>
                <Table.Th>Closes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DAYS.map(([d, label]) => (
                <Table.Tr key={d}>
                  <Table.Td w={160}>
                    <Checkbox
                      label={label}
                      checked={hours[d].open}
                      onChange={(e) => setHours({ ...hours, [d]: { ...hours[d], open: e.currentTarget.checked } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={`${label} opens`}
                      value={hours[d].from}
                      disabled={!hours[d].open}
                      onChange={(e) => setHours({ ...hours, [d]: { ...hours[d], from: e.currentTarget.value } })}
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={`${label} closes`}
                      value={hours[d].to === '24:00' ? '23:59' : hours[d].to}
                      disabled={!hours[d].open}
                      onChange={(e) => setHours({ ...hours, [d]: { ...hours[d], to: e.currentTarget.value } })}
                      w={130}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <TagsInput
            label="Holidays"
            description="Whole days closed, as YYYY-MM-DD; press Enter after each"
            value={holidays}
            onChange={setHolidays}
            placeholder="2026-12-25"
          />
          <FormError error={save.error ?? remove.error} />
          <Group justify="space-between">
            {calendar ? (
              <Button
                variant="subtle"
                color="red.8"
                loading={remove.isPending}
                onClick={() => remove.mutate(undefined, { onSuccess: done(`${calendar.name} removed`) })}
              >
                Remove calendar
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save calendar
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
