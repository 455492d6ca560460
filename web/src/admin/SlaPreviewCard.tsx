import { Alert, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { FormError, formatDateTime } from './parts';
import type { SlaPreview, SlaPreviewRequest } from './types';

export const METRIC_LABELS: Record<SlaPreview['metrics'][number]['metric'], string> = {
  first_response: 'First response',
  next_update: 'Next update',
  resolution: 'Resolution',
};

/** "A case opened now would be due at …", computed by the server with the real calendar rules. */
export function SlaPreviewCard({ request }: { request: SlaPreviewRequest }) {
  const [debounced] = useDebouncedValue(request, 300);
  const preview = useQuery({
    queryKey: ['admin', 'sla', 'preview', debounced],
    queryFn: ({ signal }) => api<SlaPreview>('/sla/preview', { method: 'POST', body: debounced, signal }),
    staleTime: 30_000,
  });
  const data = preview.data;
  return (
    <Alert variant="light" color="hearken" title="Preview" aria-live="polite" aria-label="SLA preview">
      {preview.isError ? (
        <FormError error={preview.error} title="No preview for these values" />
      ) : !data ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Working out the due times…</Text>
        </Group>
      ) : (
        <Stack gap={6}>
          <Text size="sm">
            A {data.priority} case opened now ({formatDateTime(data.openedAt, data.timezone)}, {data.timezone}
            {data.calendarName ? `, ${data.calendarName}` : ', open 24/7'}
            {data.openNow ? '' : ', outside business hours'}) would be due:
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} aria-label="Due times if a case opened now">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Promise</Table.Th>
                <Table.Th>Due at ({data.timezone})</Table.Th>
                <Table.Th>Warning at</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.metrics.map((m) => (
                <Table.Tr key={m.metric}>
                  <Table.Td>{METRIC_LABELS[m.metric]}</Table.Td>
                  <Table.Td fw={600} data-testid={`preview-${m.metric}`}>
                    {formatDateTime(m.dueAt, data.timezone)}
                  </Table.Td>
                  <Table.Td>{formatDateTime(m.warnAt, data.timezone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Alert>
  );
}
