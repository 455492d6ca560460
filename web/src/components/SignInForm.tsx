import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title, type MantineSize } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { useSession } from '../session/session';

export interface Credentials {
  email: string;
  password: string;
}

interface Props {
  /** The form's heading (an h1) and the id that names the form after it. */
  title: string;
  titleId: string;
  intro: string;
  /** Fields asked before the email, e.g. the staff page's organisation. */
  before?: ReactNode;
  /** Whether the fields in `before` are filled in: the button waits for them too. */
  beforeFilled?: boolean;
  /** Off when a field in `before` takes the focus first. */
  emailAutoFocus?: boolean;
  submitSize?: MantineSize;
  /** Signs in with the trimmed email; a rejection is shown above the fields. */
  onSignIn: (credentials: Credentials) => Promise<unknown>;
}

/** Email, password and "Sign in", with why the last session ended and why this attempt failed. */
export function SignInForm({
  title,
  titleId,
  intro,
  before,
  beforeFilled = true,
  emailAutoFocus = true,
  submitSize,
  onSignIn,
}: Props) {
  const { endedReason } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn({ email: email.trim(), password });
      // Signed in, the page gives way to the next one: the button stays busy until then.
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <Stack gap="md">
        <div>
          <Title order={1} size="h3" id={titleId}>
            {title}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {intro}
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
        {before}
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          autoComplete="username"
          autoFocus={emailAutoFocus}
        />
        <PasswordInput
          label="Password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
        />
        <Button
          type="submit"
          loading={busy}
          disabled={!beforeFilled || !email.trim() || !password}
          fullWidth
          size={submitSize}
        >
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
