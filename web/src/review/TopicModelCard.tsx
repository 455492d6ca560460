import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBrain } from '@tabler/icons-react';
import type { AnalysisModel } from '../api/types';
import { DARK_GREEN } from '../components/readable';
import { FailedAction } from '../components/states';
import { topicLabel } from '../components/analysis';
import { RelativeTime } from '../workspace/format';
import { MODEL_TRAINING_ROLES, useMe } from '../session/session';
import { notifyDone } from '../workspace/notify';
import { useTopicModels, useTrainTopicModel } from './queries';

function accuracyOf(model: AnalysisModel): number | null {
  const accuracy = model.metrics.heldOutAccuracy;
  return typeof accuracy === 'number' && Number.isFinite(accuracy) ? accuracy : null;
}

/** The organisation's topic classifier: which version answers now, and a way to train the next one from the experts' labels. */
export function TopicModelCard() {
  const me = useMe();
  // Training switches the model every later analysis uses: supervisors and administrators only (analysis:models).
  const mayTrain = MODEL_TRAINING_ROLES.includes(me.role);
  const models = useTopicModels();
  const train = useTrainTopicModel();
  const active = models.data?.find((m) => m.active) ?? null;
  const accuracy = active ? accuracyOf(active) : null;

  const onTrain = () =>
    train.mutate(
      { activate: true },
      { onSuccess: ({ model }) => notifyDone(`Topic model version ${model.version} trained and switched on`) },
    );

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="topic-model-heading">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap">
            <IconBrain size={18} aria-hidden color="var(--mantine-color-hearken-7)" />
            <Title order={2} size="h5" id="topic-model-heading">
              Topic model
            </Title>
          </Group>
          {mayTrain ? (
            <Button size="xs" variant="light" loading={train.isPending} onClick={onTrain}>
              Train from labels
            </Button>
          ) : null}
        </Group>
        {models.isPending ? (
          <Skeleton h={16} />
        ) : models.isError ? (
          <Text size="sm" c="dimmed">
            The topic models could not be loaded.
          </Text>
        ) : active ? (
          <Text size="sm">
            <Badge component="span" size="sm" variant="light" color="green" c={DARK_GREEN} tt="none" mr={6}>
              {active.name} v{active.version}
            </Badge>
            {active.labels.length} topics · {active.exampleCount.toLocaleString()} labels
            {accuracy !== null ? ` · ${Math.round(accuracy * 100)}% right on held-out labels` : ''} · trained{' '}
            <RelativeTime iso={active.trainedAt} />
            {models.data.length > 1
              ? ` · ${models.data.length - 1} earlier ${models.data.length === 2 ? 'version' : 'versions'}`
              : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {mayTrain
              ? 'No topic model yet: label the topic of a few contacts, then train one.'
              : 'No topic model yet: label the topic of a few contacts; a supervisor can train one from them.'}
          </Text>
        )}
        {train.isError ? <FailedAction title="No model was trained" error={train.error} /> : null}
        {train.isSuccess ? (
          <Alert color="green" variant="light" title={`Version ${train.data.model.version} is on`} role="status">
            Trained on {train.data.model.exampleCount.toLocaleString()} labels (
            {train.data.model.labels.map(topicLabel).join(', ')}); {train.data.queued.toLocaleString()} recent{' '}
            {train.data.queued === 1 ? 'contact is' : 'contacts are'} queued to be analysed again.
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
