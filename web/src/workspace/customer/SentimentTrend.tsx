import { LineChart } from '@mantine/charts';
import { Box, Card, Group, Text } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useAfterFirstPaint } from '../../components/useAfterFirstPaint';
import { channelLabel } from '../channels';
import { useTimeline } from '../queries';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** How the customer's messages have felt over time (the analysis' sentiment score), oldest to newest, from the timeline loaded so far. */
export function SentimentTrend({ customerId }: { customerId: string }) {
  const timeline = useTimeline(customerId);
  const painted = useAfterFirstPaint();
  const points = useMemo(
    () =>
      (timeline.data?.pages.flatMap((p) => p.items) ?? [])
        .filter((item) => item.type === 'contact' && item.direction === 'inbound')
        .flatMap((item) => (item.analysis ? [{ item, score: item.analysis.sentimentScore }] : []))
        .reverse()
        .map(({ item, score }) => ({
          when: `${day.format(new Date(item.occurredAt))} · ${channelLabel(item.channel)}`,
          Sentiment: Math.round(score * 100) / 100,
        })),
    [timeline.data],
  );

  return (
    <Card withBorder padding="md">
      <Text fw={650} size="sm" mb="xs">
        Sentiment trend
      </Text>
      {timeline.isPending ? null : points.length < 1 ? (
        <Group gap="xs" wrap="nowrap" align="flex-start" py="sm">
          <IconMoodEmpty size={22} aria-hidden color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
          <Text size="sm" c="gray.7">
            No sentiment yet — the customer's messages are analysed as they arrive
          </Text>
        </Group>
      ) : !painted ? (
        // The chart's room, kept while the rest of the case is drawn first.
        <Box h={150} />
      ) : (
        <>
          {/* The chart is a picture to assistive tech; the line under it says the latest figure. */}
          <Box role="img" aria-label={`Sentiment of the customer's last ${points.length} messages, oldest first`}>
            <LineChart
              h={150}
              data={points}
              dataKey="when"
              series={[{ name: 'Sentiment', color: 'hearken.6' }]}
              curveType="monotone"
              withXAxis={false}
              yAxisProps={{ width: 32, domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1] }}
              referenceLines={[{ y: 0, color: 'gray.5' }]}
            />
          </Box>
          <Text size="xs" c="gray.7" mt={4}>
            Latest: {points[points.length - 1]?.Sentiment} ({points.length} analysed{' '}
            {points.length === 1 ? 'message' : 'messages'})
          </Text>
        </>
      )}
    </Card>
  );
}
