import { LineChart } from '@mantine/charts';
import { Card, Group, Text } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { useMemo } from 'react';
import { channelLabel } from '../channels';
import { useTimeline } from '../queries';

/**
 * A contact's sentiment score, wherever the analysis puts it. Analysis is a later addition to
 * contacts; until then nothing carries a score and the card says so.
 */
export function sentimentOf(item: unknown): number | null {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const analysis = record.analysis as Record<string, unknown> | null | undefined;
  const sentiment = record.sentiment as Record<string, unknown> | number | null | undefined;
  const candidates = [analysis?.sentimentScore, typeof analysis?.sentiment === 'object' ? (analysis.sentiment as Record<string, unknown> | null)?.score : analysis?.sentiment, record.sentimentScore, typeof sentiment === 'object' ? sentiment?.score : sentiment];
  const score = candidates.find((c): c is number => typeof c === 'number' && Number.isFinite(c));
  return score ?? null;
}

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** How the customer's messages have felt over time, oldest to newest, from the timeline loaded so far. */
export function SentimentTrend({ customerId }: { customerId: string }) {
  const timeline = useTimeline(customerId);
  const points = useMemo(
    () =>
      (timeline.data?.pages.flatMap((p) => p.items) ?? [])
        .filter((item) => item.type === 'contact' && item.direction === 'inbound')
        .map((item) => ({ item, score: sentimentOf(item) }))
        .filter((p): p is { item: (typeof p)['item']; score: number } => p.score !== null)
        .reverse()
        .map(({ item, score }) => ({ when: `${day.format(new Date(item.occurredAt))} · ${channelLabel(item.channel)}`, Sentiment: Math.round(score * 100) / 100 })),
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
            No sentiment yet — contacts are analysed once analysis is switched on
          </Text>
        </Group>
      ) : (
        <>
          <LineChart
            h={150}
            data={points}
            dataKey="when"
            series={[{ name: 'Sentiment', color: 'hearken.6' }]}
            curveType="monotone"
            withXAxis={false}
            yAxisProps={{ width: 32 }}
            referenceLines={[{ y: 0, color: 'gray.5' }]}
            aria-label={`Sentiment of the customer's last ${points.length} messages, oldest first`}
          />
          <Text size="xs" c="gray.7" mt={4}>
            Latest: {points[points.length - 1]?.Sentiment} ({points.length} analysed {points.length === 1 ? 'message' : 'messages'})
          </Text>
        </>
      )}
    </Card>
  );
}
