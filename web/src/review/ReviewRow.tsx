import { Badge, Button, Group, Paper, RingProgress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconShieldLock, IconTag } from '@tabler/icons-react';
import { forwardRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { ReviewItem } from '../api/types';
import { CueBadge, reasonLabel, SentimentBadge, topicLabel } from '../components/analysis';
import { CaseLink } from '../supervisor/CaseLink';
import { channelLabel, ChannelIcon } from '../workspace/channels';
import { RelativeTime } from '../workspace/format';
import { DARK_GREEN } from '../components/readable';
import { ContactText } from './MarkedText';

const insightColor = (score: number) => (score >= 0.7 ? 'red.7' : score >= 0.4 ? 'orange.6' : 'hearken.4');

/** The insight score as a small ring, the number in its middle. */
export function InsightRing({ score }: { score: number }) {
  return (
    <RingProgress
      size={54}
      thickness={5}
      roundCaps
      sections={[{ value: Math.max(2, Math.round(score * 100)), color: insightColor(score) }]}
      label={
        <Text ta="center" size="xs" fw={700}>
          <VisuallyHidden>Insight score </VisuallyHidden>
          {score.toFixed(2)}
        </Text>
      }
    />
  );
}

interface Props {
  item: ReviewItem;
  /** Reached with J and K: outlined, and the one Enter opens. */
  active: boolean;
  /** Case references open the case only for people who have the workspace. */
  linkCases: boolean;
  onOpen: () => void;
  onFocus: () => void;
}

/** Clicks on the row's own links and buttons do what they say, and selecting words to copy them opens nothing. */
const opensPanel = (event: MouseEvent) =>
  (event.target as HTMLElement).closest('a, button, input, textarea, select, label') === null &&
  !window.getSelection()?.toString();

/** One analysed contact in the review queue: why it ranks here, what the analysis read, and the words themselves. */
export const ReviewRow = forwardRef<HTMLLIElement, Props>(function ReviewRow(
  { item, active, linkCases, onOpen, onFocus },
  ref,
) {
  const { analysis } = item;
  const inbound = item.direction === 'inbound';
  const words = analysis.cues.flatMap((c) => c.words);
  const customer = item.customerName ?? 'Unknown customer';

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen();
    }
  };

  return (
    <Paper
      ref={ref}
      component="li"
      tabIndex={0}
      withBorder
      radius="md"
      p="sm"
      aria-label={`${customer}, ${channelLabel(item.channel)}, insight ${analysis.insightScore.toFixed(2)}`}
      onClick={(event: MouseEvent) => opensPanel(event) && onOpen()}
      onKeyDown={onKeyDown}
      onFocus={(event) => event.target === event.currentTarget && onFocus()}
      style={{
        cursor: 'pointer',
        borderLeft: `4px solid ${active ? 'var(--mantine-color-hearken-7)' : 'var(--mantine-color-gray-3)'}`,
        background: active ? 'var(--mantine-color-hearken-0)' : undefined,
      }}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <InsightRing score={analysis.insightScore} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Group gap={8} wrap="wrap" style={{ minWidth: 0 }}>
              <Text size="sm" fw={650}>
                {customer}
              </Text>
              {item.caseId && item.caseReference ? (
                linkCases ? (
                  <CaseLink caseId={item.caseId} reference={item.caseReference} />
                ) : (
                  <Text size="sm" fw={600} c="gray.8">
                    {item.caseReference}
                  </Text>
                )
              ) : null}
              <Group gap={4} wrap="nowrap" c="gray.8">
                <ChannelIcon channel={item.channel} size={14} labelled={false} />
                <Text size="xs" fw={600}>
                  {channelLabel(item.channel)}
                </Text>
                {inbound ? <IconArrowDownLeft size={13} aria-hidden /> : <IconArrowUpRight size={13} aria-hidden />}
                <Text size="xs">{inbound ? 'from the customer' : 'from us'}</Text>
              </Group>
              {item.team ? (
                <Text size="xs" c="dimmed">
                  {item.team.name}
                </Text>
              ) : null}
              {item.vendor ? (
                <Badge size="xs" variant="outline" color="gray" c="gray.8" tt="none">
                  Vendor: {item.vendor}
                </Badge>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              <RelativeTime iso={item.occurredAt} />
            </Text>
          </Group>

          {analysis.insightReasons.length > 0 ? (
            <Text size="sm" fw={600} c="gray.9">
              {analysis.insightReasons.map(reasonLabel).join(' · ')}
            </Text>
          ) : null}

          <Group gap={6} wrap="wrap">
            <SentimentBadge sentiment={analysis.sentiment} score={analysis.sentimentScore} />
            {analysis.cues.map((cue) => (
              <CueBadge key={cue.kind} kind={cue.kind} words={cue.words} />
            ))}
            {analysis.topic ? (
              <Badge size="sm" variant="outline" color="gray" c="gray.8" tt="none">
                {topicLabel(analysis.topic)}
                {analysis.topicConfidence !== null ? ` · ${Math.round(analysis.topicConfidence * 100)}%` : ''}
              </Badge>
            ) : null}
            {analysis.personalDataFound.length > 0 ? (
              <Group gap={3} wrap="nowrap" c="gray.7">
                <IconShieldLock size={13} aria-hidden />
                <Text size="xs">Redacted: {analysis.personalDataFound.join(', ')}</Text>
              </Group>
            ) : null}
          </Group>

          <ContactText text={item.text} words={words} lines={4} />
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Button size="xs" variant="default" leftSection={<IconTag size={14} aria-hidden />} onClick={onOpen}>
            Label<VisuallyHidden> the contact from {customer}</VisuallyHidden>
          </Button>
          {item.labelCount > 0 ? (
            <Badge size="sm" variant="light" color="green" c={DARK_GREEN} tt="none">
              {item.labelCount} {item.labelCount === 1 ? 'label' : 'labels'}
            </Badge>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
});
