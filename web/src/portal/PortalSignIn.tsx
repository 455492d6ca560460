import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { SignInForm } from '../components/SignInForm';
import { useSession } from '../session/session';

/** Customers sign in here, to their organisation's portal; staff are pointed to their own sign-in. */
export function PortalSignIn({ organisation }: { organisation: string }) {
  const { signIn } = useSession();
  return (
    <Stack maw={420} mx="auto" mt="xl" gap="md">
      <Paper withBorder shadow="sm" radius="lg" p="xl">
        <SignInForm
          title="Sign in to your customer portal"
          titleId="portal-signin-title"
          intro="See your requests, follow our answers and write to us."
          submitSize="md"
          onSignIn={(credentials) => signIn({ tenant: organisation, ...credentials })}
        />
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
