import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/client';
import { Brand } from '../layout/Brand';
import { homeFor, useSession } from '../session/session';

const LAST_ORGANISATION = 'hearken.organisation';

/** Staff sign-in. Customers sign in on their organisation's portal, which links here for staff. */
export function SignInPage() {
  const { me, endedReason, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [tenant, setTenant] = useState(params.get('organisation') ?? localStorage.getItem(LAST_ORGANISATION) ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={safeNext(params.get('next')) ?? homeFor(me)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const who = await signIn({ tenant: tenant.trim(), email: email.trim(), password });
      localStorage.setItem(LAST_ORGANISATION, tenant.trim());
      navigate(who.role === 'customer' ? homeFor(who) : (safeNext(params.get('next')) ?? homeFor(who)), { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Brand size="lg" />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="lg" component="main">
          <form onSubmit={submit} noValidate aria-labelledby="signin-title">
            <Stack gap="md">
              <div>
                <Title order={1} size="h3" id="signin-title">
                  Sign in
                </Title>
                <Text c="dimmed" size="sm">
                  For agents, supervisors and analysts.
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
              <TextInput
                label="Organisation"
                description="Your organisation's short name, e.g. demo"
                required
                value={tenant}
                onChange={(e) => setTenant(e.currentTarget.value)}
                autoComplete="organization"
                autoFocus={!tenant}
              />
              <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoComplete="username" autoFocus={!!tenant} />
              <PasswordInput label="Password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" />
              <Button type="submit" loading={busy} disabled={!tenant.trim() || !email.trim() || !password} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        {tenant.trim() ? (
          <Text size="sm" ta="center" c="dimmed">
            A customer?{' '}
            <Anchor href={`/portal/${encodeURIComponent(tenant.trim())}`}>Go to the customer portal</Anchor>
          </Text>
        ) : null}
      </Stack>
    </Center>
  );
}

/** Only paths inside this app: never send someone to another site after signing in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}
