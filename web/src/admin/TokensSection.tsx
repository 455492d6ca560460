import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  AdminTable,
  StatusBadge,
  FormError,
  ListStates,
  matches,
  Panel,
  SearchField,
  SectionHeader,
  ShownOnce,
  fieldError,
  formatDateTime,
} from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { ApiToken, TokenIssued, TokenRequest, User } from './types';

const ROLES = [
  { value: 'agent', label: 'Agent' },
  { value: 'supervisor', label: 'Supervisor' },
  { value: 'analyst', label: 'Analyst (read only)' },
  { value: 'admin', label: 'Administrator' },
];

export function TokensSection() {
  const tokens = useAdminQuery<{ items: ApiToken[] }>(adminKeys.tokens, '/tokens');
  const users = useAdminQuery<{ items: User[] }>(adminKeys.users, '/users');
  const [search, setSearch] = useState('');
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const all = tokens.data?.items ?? [];
  const filtered = all.filter((t) => matches(search, t.name, t.role, t.userName));

  return (
    <>
      <SectionHeader
        title="API tokens"
        intro="Tokens let other systems (a CRM, a dialer, a script) use the API. A token is shown once when it is created; Hearken keeps only its hash."
      />
      <Stack gap="md">
        <CreateTokenPanel people={users.data?.items ?? []} />
        <Panel
          title="Tokens"
          id="admin-tokens-list"
          aside={<SearchField label="Search tokens" value={search} onChange={setSearch} />}
        >
          <ListStates
            query={tokens}
            total={all.length}
            filtered={filtered}
            empty={{ title: 'No API tokens yet', body: 'Create one above for each system that calls Hearken.' }}
            noMatch="No token matches that search"
          >
            {(items) => (
              <AdminTable label="API tokens" columns={['Name', 'Role', 'Acts as', 'Created', 'Status', '']}>
                {items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td fw={600}>{t.name}</Table.Td>
                    <Table.Td>{t.role}</Table.Td>
                    <Table.Td>{t.userName ?? '—'}</Table.Td>
                    <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge active={t.active}>
                        {t.active ? 'Active' : `Revoked ${formatDateTime(t.revokedAt)}`}
                      </StatusBadge>
                    </Table.Td>
                    <Table.Td ta="right">
                      {t.active ? (
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          onClick={() => setRevoking(t)}
                          aria-label={`Revoke ${t.name}`}
                        >
                          Revoke
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </AdminTable>
            )}
          </ListStates>
        </Panel>
      </Stack>
      {revoking ? <RevokeModal token={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}

function CreateTokenPanel({ people }: { people: User[] }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('agent');
  const [userId, setUserId] = useState<string | null>(null);
  const create = useAdminChange<TokenRequest, TokenIssued>(
    (body) => ({ path: '/tokens', method: 'POST', body }),
    [adminKeys.tokens],
  );
  return (
    <Panel title="Create a token" id="admin-tokens-create">
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { name: name.trim(), role: role as TokenRequest['role'], ...(userId ? { userId } : {}) },
              { onSuccess: () => setName('') },
            );
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Name"
              description="What uses it, e.g. CRM sync"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(create.error, 'name')}
              w={260}
            />
            <Select
              label="Role"
              description="What it may do"
              data={ROLES}
              value={role}
              onChange={(v) => setRole(v ?? 'agent')}
              allowDeselect={false}
              w={220}
            />
            <Select
              label="Acts as"
              description="Optional: a person it works for"
              data={people
                .filter((p) => p.active && p.role !== 'customer')
                .map((p) => ({ value: p.id, label: p.name }))}
              value={userId}
              onChange={setUserId}
              clearable
              searchable
              placeholder="Nobody"
              w={220}
            />
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </form>
        <FormError error={create.error} title="No token was created" />
        {create.data ? (
          <ShownOnce
            label={`Token "${create.data.name}"`}
            value={create.data.token}
            note="Copy it into the system that will use it now: it is shown only this once. Send it as Authorization: Bearer <token>."
          />
        ) : null}
      </Stack>
    </Panel>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const revoke = useAdminChange<void, ApiToken>(
    () => ({ path: `/tokens/${token.id}/revoke`, method: 'POST' }),
    [adminKeys.tokens],
  );
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Revoke "${token.name}"`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          revoke.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `${token.name} is revoked` });
              onClose();
            },
          });
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            Whatever uses this token is refused from now on. This cannot be undone: create a new token instead.
          </Text>
          <FormError error={revoke.error} title="Not revoked" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.8" loading={revoke.isPending} data-autofocus>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
