import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { useSession } from '../session/session';

/** Customers sign in here, to their organisation's portal; staff are pointed to their own sign-in. */
export function PortalSignIn({ organisation }: { organisation: string }) {
  const { signIn, endedReason } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({ tenant: organisation, email: email.trim(), password });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Stack maw={420} mx="auto" mt="xl" gap="md">
      <Paper withBorder shadow="sm" radius="lg" p="xl">
        <form onSubmit={submit} noValidate aria-labelledby="portal-signin-title">
          <Stack gap="md">
            <div>
              <Title order={1} size="h3" id="portal-signin-title">
                Sign in to your customer portal
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                See your requests, follow our answers and write to us.
              </Text>
            </div>
            {endedReason ? (
              <Alert color="yellow" variant="light" role="status">
                {endedReason}
              </Alert>
            ) : null}
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoComplete="username" autoFocus />
            <PasswordInput label="Password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" />
            <Button type="submit" loading={busy} disabled={!email.trim() || !password} fullWidth size="md">
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" c="dimmed" ta="center">
        Working in customer service?{' '}
        <Anchor href={`/signin?organisation=${encodeURIComponent(organisation)}`} size="sm">
          Staff sign in
        </Anchor>
      </Text>
    </Stack>
  );
}
