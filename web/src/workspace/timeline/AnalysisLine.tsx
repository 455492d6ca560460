import { Badge, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import type { ContactAnalysis } from '../../api/types';
import { CueBadge, reasonLabel, SentimentBadge, topicLabel } from '../../components/analysis';

/** From this insight score on, a contact is worth an expert's look and says so on the timeline. */
const NOTABLE_INSIGHT = 0.5;

/** What the analysis read in one contact, in one quiet line under it: sentiment, cues, topic, and insight when notable. */
export function AnalysisLine({ analysis }: { analysis: ContactAnalysis }) {
  const reasons = analysis.insightReasons.map(reasonLabel).join(', ');
  return (
    <Group gap={6} mt={6} wrap="wrap" aria-label="Analysis" role="group">
      <SentimentBadge sentiment={analysis.sentiment} score={analysis.sentimentScore} size="xs" />
      {analysis.cues.map((cue) => (
        <CueBadge key={cue.kind} kind={cue.kind} words={cue.words} size="xs" />
      ))}
      {analysis.topic ? (
        <Badge size="xs" variant="outline" color="gray" c="gray.8" tt="none">
          {topicLabel(analysis.topic)}
        </Badge>
      ) : null}
      {analysis.insightScore >= NOTABLE_INSIGHT ? (
        <Tooltip
          label={reasons || 'Worth an expert’s look'}
          withArrow
          openDelay={200}
          multiline
          maw={320}
          disabled={!reasons}
        >
          <Text span size="xs" c="gray.7" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
            <IconBulb size={12} aria-hidden />
            insight {analysis.insightScore.toFixed(2)}
            {reasons ? <VisuallyHidden>: {reasons}</VisuallyHidden> : null}
          </Text>
        </Tooltip>
      ) : null}
    </Group>
  );
}
