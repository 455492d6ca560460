import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { Success } from '../api/types';
import { Loading } from '../components/states';
import { Brand } from '../layout/Brand';

type LinkInfo = Success<'/api/v1/auth/password-links/lookup', 'post'>;
const MIN_LENGTH = 10;

/**
 * Where an invitation or a password reset lands: /set-password#<secret>. The secret stays in the
 * fragment, which the browser never sends in a request line; this page posts it in a body.
 */
export function SetPasswordPage() {
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const info = useQuery({
    queryKey: ['password-link', token],
    queryFn: ({ signal }) =>
      api<LinkInfo>('/auth/password-links/lookup', {
        method: 'POST',
        body: { token },
        signal,
        quietUnauthenticated: true,
      }),
    enabled: token.length > 0,
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ organisation: string; email: string } | null>(null);

  async function submit() {
    if (password.length < MIN_LENGTH) return setProblem(`Choose a password of at least ${MIN_LENGTH} characters.`);
    if (password !== repeat) return setProblem('The two passwords are not the same.');
    setProblem(null);
    setSaving(true);
    try {
      setDone(await api('/auth/password-links/redeem', { method: 'POST', body: { token, password } }));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Stack w="100%" maw={420} gap="lg">
        <Center>
          <Brand size="lg" />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="lg" component="main">
          {!token ? (
            <Unusable message="This address has no link in it. Open the whole link your administrator gave you." />
          ) : info.isPending ? (
            <Loading label="Checking your link…" />
          ) : info.isError ? (
            <Unusable
              message={
                info.error instanceof ApiError
                  ? info.error.message
                  : 'Hearken cannot be reached. Try again in a moment.'
              }
            />
          ) : done ? (
            <Stack gap="md">
              <Title order={1} size="h3">
                Your password is set
              </Title>
              <Text size="sm">
                Sign in to {info.data.organisation.name} as {done.email}.
              </Text>
              <Button
                component={Link}
                to={
                  info.data.role === 'customer'
                    ? `/portal/${encodeURIComponent(done.organisation)}`
                    : `/signin?organisation=${encodeURIComponent(done.organisation)}`
                }
              >
                Go to sign-in
              </Button>
            </Stack>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <Stack gap="md">
                <div>
                  <Title order={1} size="h3">
                    {info.data.purpose === 'invitation' ? `Welcome, ${info.data.name}` : 'Choose a new password'}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {info.data.purpose === 'invitation'
                      ? `You have been invited to ${info.data.organisation.name} on Hearken. Choose a password to sign in as ${info.data.email}.`
                      : `For ${info.data.email} at ${info.data.organisation.name}.`}
                  </Text>
                </div>
                <PasswordInput
                  label="New password"
                  description={`At least ${MIN_LENGTH} characters`}
                  required
                  autoFocus
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <PasswordInput
                  label="Repeat the password"
                  required
                  autoComplete="new-password"
                  value={repeat}
                  onChange={(e) => setRepeat(e.currentTarget.value)}
                />
                {problem ? (
                  <Alert color="red" variant="light" role="alert">
                    {problem}
                  </Alert>
                ) : null}
                <Button type="submit" loading={saving}>
                  Set password
                </Button>
              </Stack>
            </form>
          )}
        </Paper>
      </Stack>
    </Center>
  );
}

function Unusable({ message }: { message: string }) {
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        This link cannot be used
      </Title>
      <Text size="sm">{message}</Text>
      <Anchor component={Link} to="/signin" size="sm">
        Go to sign-in
      </Anchor>
    </Stack>
  );
}
