import { Badge, Button, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { AdminTable, FormError, ListStates, matches, Panel, SearchField, SectionHeader, fieldError } from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { Team, TeamRequest, User } from './types';

const Tags = ({ values }: { values: string[] }) =>
  values.length === 0 ? (
    <Text size="sm" c="dimmed">
      —
    </Text>
  ) : (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" tt="none" fw={500}>
          {v}
        </Badge>
      ))}
    </Group>
  );

export function TeamsSection() {
  const teams = useAdminQuery<{ items: Team[] }>(adminKeys.teams, '/teams');
  const users = useAdminQuery<{ items: User[] }>(adminKeys.users, '/users');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const people = users.data?.items ?? [];
  const nameOf = new Map(people.map((u) => [u.id, u.name]));
  const all = teams.data?.items ?? [];
  const filtered = all.filter((t) =>
    matches(search, t.name, t.skills.join(' '), t.regions.join(' '), nameOf.get(t.leadUserId ?? '')),
  );

  return (
    <>
      <SectionHeader
        title="Teams"
        intro="Teams own queues of cases. Skills and regions route work to them; the lead answers for every case in the queue that has no owner yet."
        action={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            Create a team
          </Button>
        }
      />
      <Panel
        title="Teams"
        id="admin-teams-list"
        aside={<SearchField label="Search teams" value={search} onChange={setSearch} />}
      >
        <ListStates
          query={teams}
          total={all.length}
          filtered={filtered}
          empty={{ title: 'No teams yet', body: 'Create a team, give it skills and regions, and appoint its lead.' }}
          noMatch="No team matches that search"
        >
          {(items) => (
            <AdminTable label="Teams" columns={['Team', 'Lead', 'Members', 'Skills', 'Regions', '']}>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td fw={600}>{t.name}</Table.Td>
                  <Table.Td>{t.leadUserId ? (nameOf.get(t.leadUserId) ?? '—') : 'No lead yet'}</Table.Td>
                  <Table.Td>{people.filter((p) => p.teamId === t.id && p.active).length}</Table.Td>
                  <Table.Td>
                    <Tags values={t.skills} />
                  </Table.Td>
                  <Table.Td>
                    <Tags values={t.regions} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button variant="subtle" size="xs" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </AdminTable>
          )}
        </ListStates>
      </Panel>
      {editing ? (
        <TeamModal team={editing === 'new' ? null : editing} people={people} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function TeamModal({ team, people, onClose }: { team: Team | null; people: User[]; onClose: () => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [skills, setSkills] = useState<string[]>(team?.skills ?? []);
  const [regions, setRegions] = useState<string[]>(team?.regions ?? []);
  const [leadUserId, setLeadUserId] = useState<string | null>(team?.leadUserId ?? null);
  const save = useAdminChange<TeamRequest, Team>(
    (body) => (team ? { path: `/teams/${team.id}`, method: 'PATCH', body } : { path: '/teams', method: 'POST', body }),
    [adminKeys.teams],
  );
  const leads = people
    .filter((p) => p.active && p.role !== 'customer')
    .map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }));

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={team ? `Edit ${team.name}` : 'Create a team'}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { name, skills, regions, ...(leadUserId ? { leadUserId } : {}) },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: team ? `${name} saved` : `${name} created` });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            maxLength={100}
          />
          <TagsInput
            label="Skills"
            description="What this team can handle; press Enter after each"
            value={skills}
            onChange={setSkills}
            placeholder="e.g. billing, roaming"
          />
          <TagsInput
            label="Regions"
            description="Where its customers are; press Enter after each"
            value={regions}
            onChange={setRegions}
            placeholder="e.g. North, Wales"
          />
          <Select
            label="Lead"
            description={team ? 'A team keeps a lead: appoint another to change it' : 'Can be appointed later'}
            data={leads}
            value={leadUserId}
            onChange={setLeadUserId}
            searchable
            clearable={!team?.leadUserId}
            placeholder="No lead yet"
            error={fieldError(save.error, 'leadUserId')}
          />
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {team ? 'Save' : 'Create team'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
