import { Anchor, Center, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm, type Credentials } from '../components/SignInForm';
import { Brand } from '../layout/Brand';
import { homeFor, useSession } from '../session/session';
import { askFirstQuestions } from '../first-questions';
import { SECTION_CODE } from '../section-code';

const LAST_ORGANISATION = 'hearken.organisation';

/** Staff sign-in. Customers sign in on their organisation's portal, which links here for staff. */
export function SignInPage() {
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [tenant, setTenant] = useState(params.get('organisation') ?? localStorage.getItem(LAST_ORGANISATION) ?? '');
  // Most staff land on the workspace: fetch its code while they type (an import runs only once).
  useEffect(() => {
    const idle = setTimeout(() => void SECTION_CODE.work.load().catch(() => undefined), 300);
    return () => clearTimeout(idle);
  }, []);

  if (me) return <Navigate to={safeNext(params.get('next')) ?? homeFor(me)} replace />;

  async function signInHere({ email, password }: Credentials) {
    const who = await signIn({ tenant: tenant.trim(), email, password });
    localStorage.setItem(LAST_ORGANISATION, tenant.trim());
    const destination = who.role === 'customer' ? homeFor(who) : (safeNext(params.get('next')) ?? homeFor(who));
    // The first screen's data is asked for now, not once that screen is drawn.
    askFirstQuestions(queryClient, new URL(destination, window.location.origin));
    navigate(destination, { replace: true });
  }

  return (
    <Center mih="100vh" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Brand size="lg" />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="lg" component="main">
          <SignInForm
            title="Sign in"
            titleId="signin-title"
            intro="For agents, supervisors and analysts."
            before={
              <TextInput
                label="Organisation"
                description="Your organisation's short name, e.g. demo"
                required
                value={tenant}
                onChange={(e) => setTenant(e.currentTarget.value)}
                autoComplete="organization"
                autoFocus={!tenant}
              />
            }
            beforeFilled={Boolean(tenant.trim())}
            emailAutoFocus={Boolean(tenant)}
            onSignIn={signInHere}
          />
        </Paper>
        {tenant.trim() ? (
          <Text size="sm" ta="center" c="dimmed">
            A customer? <Anchor href={`/portal/${encodeURIComponent(tenant.trim())}`}>Go to the customer portal</Anchor>
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
