import { Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError, ShownOnce, fieldError, formatDateTime } from './parts';
import { adminKeys, useAdminChange } from './queries';
import type { Invitation, InvitationRequest, PasswordReset, PersonChanges, Team, User } from './types';

const STAFF_ROLES = [
  { value: 'agent', label: 'Agent' },
  { value: 'supervisor', label: 'Supervisor' },
  { value: 'analyst', label: 'Analyst (reads everything, changes nothing)' },
  { value: 'admin', label: 'Administrator' },
];

const teamOptions = (teams: Team[]) => teams.map((t) => ({ value: t.id, label: t.name }));
const supervisorOptions = (people: User[], except?: string) =>
  people
    .filter((p) => p.active && p.role !== 'customer' && p.id !== except)
    .map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }));

/** Invite a member of staff; the answer carries the one-time link the admin passes on. */
export function InviteModal({ teams, people, onClose }: { teams: Team[]; people: User[]; onClose: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', role: 'agent', teamId: null as string | null });
  const [supervisorId, setSupervisorId] = useState<string | null>(null);
  const [skills, setSkills] = useState<string[]>([]);
  const invite = useAdminChange<InvitationRequest, Invitation>(
    (body) => ({ path: '/users/invitations', method: 'POST', body }),
    [adminKeys.users],
  );
  const done = invite.data;

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Invite a person" size="lg">
      {done ? (
        <Stack gap="md">
          <Text size="sm">
            {done.user.name} ({done.user.email}) can now be given work. Send them this link to choose their password; it
            works once, until {formatDateTime(done.passwordLink.expiresAt)}.
          </Text>
          <ShownOnce
            label="Invitation link"
            value={done.passwordLink.url}
            note="Copy it now: it is shown only this once. If it is lost, reset their password for a new one."
          />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate({
              name: form.name,
              email: form.email.trim(),
              role: form.role as InvitationRequest['role'],
              ...(form.teamId ? { teamId: form.teamId } : {}),
              ...(supervisorId ? { supervisorId } : {}),
              skills,
            });
          }}
        >
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label="Name"
                required
                data-autofocus
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                error={fieldError(invite.error, 'name')}
              />
              <TextInput
                label="Email"
                type="email"
                required
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
                error={fieldError(invite.error, 'email')}
              />
            </Group>
            <Group grow align="flex-start">
              <Select
                label="Role"
                data={STAFF_ROLES}
                value={form.role}
                onChange={(v) => setForm({ ...form, role: v ?? 'agent' })}
                allowDeselect={false}
              />
              <Select
                label="Team"
                data={teamOptions(teams)}
                value={form.teamId}
                onChange={(v) => setForm({ ...form, teamId: v })}
                clearable
                placeholder="No team"
                error={fieldError(invite.error, 'teamId')}
              />
            </Group>
            <Select
              label="Supervisor"
              description="Who an escalation climbs to"
              data={supervisorOptions(people)}
              value={supervisorId}
              onChange={setSupervisorId}
              clearable
              searchable
              placeholder="None"
              error={fieldError(invite.error, 'supervisorId')}
            />
            <TagsInput
              label="Skills"
              description="Press Enter after each"
              value={skills}
              onChange={setSkills}
              placeholder="e.g. billing, roaming"
            />
            <FormError error={invite.error} title="The invitation was not sent" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Invite
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Role, team, supervisor, skills and name of someone already here. */
export function EditPersonModal({
  user,
  teams,
  people,
  onClose,
}: {
  user: User;
  teams: Team[];
  people: User[];
  onClose: () => void;
}) {
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<string>(user.role);
  const [teamId, setTeamId] = useState<string | null>(user.teamId);
  const [supervisorId, setSupervisorId] = useState<string | null>(user.supervisorId);
  const [skills, setSkills] = useState<string[]>(user.skills);
  const save = useAdminChange<PersonChanges, User>(
    (body) => ({ path: `/users/${user.id}`, method: 'PATCH', body }),
    [adminKeys.users],
  );

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={`Change ${user.name}`}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            {
              name,
              ...(user.role === 'customer' ? {} : { role: role as PersonChanges['role'] }),
              teamId,
              supervisorId,
              skills,
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `${name} saved` });
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
          />
          <Group grow align="flex-start">
            <Select
              label="Role"
              data={user.role === 'customer' ? [{ value: 'customer', label: 'Customer' }] : STAFF_ROLES}
              value={role}
              onChange={(v) => setRole(v ?? role)}
              allowDeselect={false}
              disabled={user.role === 'customer'}
            />
            <Select
              label="Team"
              data={teamOptions(teams)}
              value={teamId}
              onChange={setTeamId}
              clearable
              placeholder="No team"
              error={fieldError(save.error, 'teamId')}
            />
          </Group>
          <Select
            label="Supervisor"
            data={supervisorOptions(people, user.id)}
            value={supervisorId}
            onChange={setSupervisorId}
            clearable
            searchable
            placeholder="None"
            error={fieldError(save.error, 'supervisorId')}
          />
          <TagsInput label="Skills" description="Press Enter after each" value={skills} onChange={setSkills} />
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A new one-time link; the old password stops working at once. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const reset = useAdminChange<void, PasswordReset>(
    () => ({ path: `/users/${user.id}/password-reset`, method: 'POST' }),
    [],
  );
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={`Reset ${user.name}'s password`}
    >
      {reset.data ? (
        <Stack gap="md">
          <ShownOnce
            label="Password link"
            value={reset.data.passwordLink.url}
            note={`Give this link to ${user.name}: it lets them choose a new password once, until ${formatDateTime(reset.data.passwordLink.expiresAt)}. It is shown only now.`}
          />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate();
          }}
        >
          <Stack gap="md">
            <Text size="sm">
              Their current password stops working and they are signed out everywhere. You get a one-time link to give
              them, valid for 24 hours, to choose a new password.
            </Text>
            <FormError error={reset.error} title="The password was not reset" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="red.8" loading={reset.isPending} data-autofocus>
                Reset password
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Deactivating hands their open cases to their team lead; the API refuses when nobody could take them. */
export function DeactivateModal({ user, teams, onClose }: { user: User; teams: Team[]; onClose: () => void }) {
  const change = useAdminChange<{ active: boolean }, User>(
    (body) => ({ path: `/users/${user.id}`, method: 'PATCH', body }),
    [adminKeys.users],
  );
  const team = teams.find((t) => t.id === user.teamId);
  const deactivating = user.active;
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={deactivating ? `Deactivate ${user.name}` : `Reactivate ${user.name}`}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(
            { active: !deactivating },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: deactivating ? `${user.name} is deactivated` : `${user.name} can sign in again`,
                });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {deactivating
              ? `${user.name} will no longer be able to sign in. Their open cases go to ${team ? `the lead of ${team.name}` : 'the next accountable person'}, transfers offered to them return to the sender, and escalations waiting for them climb.`
              : `${user.name} will be able to sign in again with their password.`}
          </Text>
          <FormError error={change.error} title={deactivating ? 'Not deactivated' : 'Not reactivated'} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={deactivating ? 'red.8' : undefined} loading={change.isPending} data-autofocus>
              {deactivating ? 'Deactivate' : 'Reactivate'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
