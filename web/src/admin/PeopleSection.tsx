import { Badge, Button, Group, Menu, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconDots, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { StatusBadge, AdminTable, ListStates, matches, Panel, SearchField, SectionHeader, WHOLE_WORD } from './parts';
import { SignInLockout } from './SignInLockout';
import { DeactivateModal, EditPersonModal, InviteModal, ResetPasswordModal } from './PersonModals';
import { adminKeys, useAdminQuery } from './queries';
import type { Team, User } from './types';

type Dialog = { kind: 'invite' } | { kind: 'edit' | 'reset' | 'deactivate'; user: User } | null;

export function PeopleSection() {
  const users = useAdminQuery<{ items: User[] }>(adminKeys.users, '/users');
  const teams = useAdminQuery<{ items: Team[] }>(adminKeys.teams, '/teams');
  const [search, setSearch] = useState('');
  const [show, setShow] = useState<'staff' | 'customers'>('staff');
  const [dialog, setDialog] = useState<Dialog>(null);
  const all = users.data?.items ?? [];
  const teamName = useMemo(() => new Map((teams.data?.items ?? []).map((t) => [t.id, t.name])), [teams.data]);
  const personName = new Map(all.map((u) => [u.id, u.name]));
  const listed = all.filter((u) => (show === 'staff' ? u.role !== 'customer' : u.role === 'customer'));
  const filtered = listed.filter((u) =>
    matches(search, u.name, u.email, u.role, teamName.get(u.teamId ?? ''), u.skills.join(' ')),
  );

  return (
    <>
      <SectionHeader
        title="People"
        intro="Staff and their roles, teams, supervisors and skills. Invite someone and give them the one-time link to choose their password."
        action={
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'invite' })}>
            Invite a person
          </Button>
        }
      />
      <Panel
        title={show === 'staff' ? 'Staff' : 'Customer portal logins'}
        id="admin-people-list"
        aside={
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              value={show}
              onChange={(v) => setShow(v as 'staff' | 'customers')}
              data={[
                { value: 'staff', label: 'Staff' },
                { value: 'customers', label: 'Customers' },
              ]}
              aria-label="Which accounts"
            />
            <SearchField label="Search people" value={search} onChange={setSearch} />
          </Group>
        }
      >
        <ListStates
          query={users}
          total={listed.length}
          filtered={filtered}
          empty={{
            title: show === 'staff' ? 'Nobody here yet' : 'No customer logins',
            body:
              show === 'staff'
                ? 'Invite your first agent: they get a link to choose their password.'
                : 'Customers get a portal login through the API (POST /users with role customer).',
          }}
          noMatch="Nobody matches that search"
        >
          {(items) => (
            <AdminTable
              label="People"
              columns={['Name', 'Role', 'Team', 'Supervisor', 'Skills', 'Status', 'Sign-in', '']}
            >
              {items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {u.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={u.role === 'admin' ? 'grape' : 'hearken'}
                      tt="none"
                      style={WHOLE_WORD}
                    >
                      {u.role}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{u.teamId ? (teamName.get(u.teamId) ?? '—') : '—'}</Table.Td>
                  <Table.Td>{u.supervisorId ? (personName.get(u.supervisorId) ?? '—') : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {u.skills.length ? u.skills.join(', ') : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={u.active}>{u.active ? 'Active' : 'Deactivated'}</StatusBadge>
                  </Table.Td>
                  <Table.Td>
                    <SignInLockout user={u} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button
                          variant="subtle"
                          size="xs"
                          rightSection={<IconDots size={14} aria-hidden />}
                          aria-label={`Manage ${u.name}`}
                        >
                          Manage
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setDialog({ kind: 'edit', user: u })}>Change role, team…</Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'reset', user: u })} disabled={!u.active}>
                          Reset password
                        </Menu.Item>
                        <Menu.Item
                          color={u.active ? 'red' : undefined}
                          onClick={() => setDialog({ kind: 'deactivate', user: u })}
                        >
                          {u.active ? 'Deactivate' : 'Reactivate'}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </AdminTable>
          )}
        </ListStates>
      </Panel>
      <Stack>
        {dialog?.kind === 'invite' ? (
          <InviteModal teams={teams.data?.items ?? []} people={all} onClose={() => setDialog(null)} />
        ) : null}
        {dialog?.kind === 'edit' ? (
          <EditPersonModal
            user={dialog.user}
            teams={teams.data?.items ?? []}
            people={all}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
        {dialog?.kind === 'deactivate' ? (
          <DeactivateModal user={dialog.user} teams={teams.data?.items ?? []} onClose={() => setDialog(null)} />
        ) : null}
      </Stack>
    </>
  );
}
