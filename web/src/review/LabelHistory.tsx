import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { CueBadge, SentimentBadge, topicLabel } from '../components/analysis';
import { ErrorState } from '../components/states';
import { RelativeTime } from '../workspace/format';
import { useContactLabels } from './queries';

/** Every expert label on the contact, newest first, with the analysis version each expert judged. */
export function LabelHistory({ contactId }: { contactId: string }) {
  const labels = useContactLabels(contactId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="label-history-heading">
      <Title order={3} size="h6" id="label-history-heading">
        Label history
      </Title>
      {labels.isPending ? (
        <Skeleton h={48} />
      ) : labels.isError ? (
        <ErrorState error={labels.error} onRetry={() => void labels.refetch()} title="The labels could not be loaded" />
      ) : labels.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has labelled this contact yet.
        </Text>
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {labels.data.map((label) => (
            <Paper component="li" key={label.id} withBorder p="xs" radius="md" bg="gray.0">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {label.reviewerName ?? 'A former colleague'}
                </Text>
                <Text size="xs" c="dimmed">
                  <RelativeTime iso={label.labelledAt} />
                </Text>
              </Group>
              <Group gap={6} mt={4} wrap="wrap">
                {label.topic ? (
                  <Badge size="sm" variant="outline" color="gray" c="gray.8" tt="none">
                    {topicLabel(label.topic)}
                  </Badge>
                ) : null}
                {label.sentiment ? <SentimentBadge sentiment={label.sentiment} size="xs" /> : null}
                {label.cues === null ? null : label.cues.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    No cues
                  </Text>
                ) : (
                  label.cues.map((cue) => <CueBadge key={cue} kind={cue} size="xs" />)
                )}
              </Group>
              {label.note ? (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {label.note}
                </Text>
              ) : null}
              {label.modelVersion ? (
                <Text size="xs" c="dimmed" mt={2}>
                  Judged analysis {label.modelVersion}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
