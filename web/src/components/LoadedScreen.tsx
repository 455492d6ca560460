import { Container } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScreenCode } from '../screen-code';
import { ErrorState, Loading } from './states';

/** A screen drawn as soon as its code is here: at once when it already is, with no fallback shown. */
export function LoadedScreen({ code }: { code: ScreenCode }) {
  const Screen = code.loaded();
  const [attempt, setAttempt] = useState(0);
  const [, setArrived] = useState(0);
  const [failure, setFailure] = useState<{ code: ScreenCode; error: unknown }>();
  useEffect(() => {
    if (Screen) return;
    let live = true;
    code.load().then(
      () => live && setArrived((n) => n + 1),
      (error: unknown) => live && setFailure({ code, error }),
    );
    return () => {
      live = false;
    };
  }, [code, Screen, attempt]);

  if (Screen) return <Screen />;
  if (failure?.code === code)
    return (
      <Container size="sm" py="xl">
        <ErrorState
          title="This screen could not be loaded"
          error={failure.error}
          onRetry={() => {
            setFailure(undefined);
            setAttempt((n) => n + 1);
          }}
        />
      </Container>
    );
  return <Loading />;
}
