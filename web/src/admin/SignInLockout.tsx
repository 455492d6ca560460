import { Badge, Button, Group, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { errorMessage } from '../api/client';
import { notifyDone } from '../workspace/notify';
import { WHOLE_WORD } from './parts';
import { adminKeys, useAdminChange } from './queries';
import type { User } from './types';

/**
 * A person's sign-in trouble in the people list: locked out after too many wrong passwords (until
 * when, with the administrator's Unlock), or the wrong passwords typed since the last sign-in.
 */
export function SignInLockout({ user }: { user: User }) {
  const unlock = useAdminChange<void>(() => ({ path: `/users/${user.id}/unlock`, method: 'POST' }), [adminKeys.users]);
  const lockedUntil = user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() ? new Date(user.lockedUntil) : null;
  if (!lockedUntil)
    return user.failedSignIns > 0 ? (
      <Text size="xs" c="gray.7">
        {user.failedSignIns} wrong {user.failedSignIns === 1 ? 'password' : 'passwords'}
      </Text>
    ) : (
      <Text size="sm">—</Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="light" color="red" c="red.9" tt="none" style={WHOLE_WORD}>
        Locked until {lockedUntil.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
      </Badge>
      <Button
        size="compact-xs"
        variant="light"
        color="red"
        leftSection={<IconLockOpen size={14} aria-hidden />}
        aria-label={`Unlock ${user.name}`}
        loading={unlock.isPending}
        onClick={() => unlock.mutate(undefined, { onSuccess: () => notifyDone(`${user.name} can sign in again`) })}
      >
        Unlock
      </Button>
      {unlock.isError ? (
        <Text size="xs" c="red.8" role="alert">
          {errorMessage(unlock.error)}
        </Text>
      ) : null}
    </Group>
  );
}
