import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PortalOutage } from '../api/types';
import { formatDateTime } from './words';

/** The server says why it concerns me ("Your case C-12"); read as "Linked to your case C-12". */
const affectsWords = (affects: string): string | null =>
  affects ? `Linked to ${affects.charAt(0).toLowerCase()}${affects.slice(1)}. ` : null;

/** Known problems that may affect this customer, so they need not ask; nothing when there are none. */
export function OutageBanner({ outages }: { outages: PortalOutage[] }) {
  if (outages.length === 0) return null;
  return (
    <Stack gap="sm">
      {outages.map((outage) => {
        const affects = affectsWords(outage.affects);
        return (
          <Alert
            key={outage.problemId}
            color="orange"
            variant="light"
            radius="lg"
            styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
            icon={<IconAlertTriangle size={20} aria-hidden />}
            title={`A known problem may affect you: ${outage.title}${outage.workaround ? ` — ${outage.workaround}` : ''}`}
          >
            <Text size="sm">
              {affects}
              Known since {formatDateTime(outage.since)}. We're working on it and will update your requests when it is
              fixed.
            </Text>
          </Alert>
        );
      })}
    </Stack>
  );
}
