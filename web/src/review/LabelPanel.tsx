import {
  Autocomplete,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { CueKind, ReviewFacets, ReviewItem, SentimentLabel } from '../api/types';
import { CUE_KINDS, cueLabel, SENTIMENTS, SentimentBadge, topicLabel } from '../components/analysis';
import { FailedAction } from '../components/states';
import { channelLabel } from '../workspace/channels';
import { exactTime } from '../workspace/format';
import { notifyDone } from '../workspace/notify';
import { LabelHistory } from './LabelHistory';
import { ContactText } from './MarkedText';
import { useSaveLabel } from './queries';

interface Props {
  item: ReviewItem | null;
  topics: ReviewFacets['topics'];
  onClose: () => void;
  /** Opens the next contact of the queue; absent on the last one loaded. */
  onNext?: () => void;
  /** Once the panel has gone: focus goes back to the row last labelled (which "Save and next" moves on). */
  onClosed: () => void;
}

/** The expert's side of a contact: what the analysis read, the expert's own reading, and every label so far. */
export function LabelPanel({ item, topics, onClose, onNext, onClosed }: Props) {
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      returnFocus={false}
      onExitTransitionEnd={onClosed}
      position="right"
      size={480}
      title={item ? `Label the contact from ${item.customerName ?? 'an unknown customer'}` : 'Label the contact'}
      closeButtonProps={{ 'aria-label': 'Close the label panel' }}
      styles={{ title: { fontWeight: 650 } }}
    >
      {/* A fresh form per contact: what was typed for one never lands on the next. */}
      {item ? <LabelForm key={item.contactId} item={item} topics={topics} onNext={onNext} /> : null}
    </Drawer>
  );
}

function LabelForm({
  item,
  topics,
  onNext,
}: {
  item: ReviewItem;
  topics: ReviewFacets['topics'];
  onNext?: () => void;
}) {
  const { analysis } = item;
  // Nothing starts judged: a form pre-filled with the analysis' answers would make an expert who
  // only sets the topic "agree" on everything else, and the audit would flatter the analysis.
  const [topic, setTopic] = useState('');
  const [sentiment, setSentiment] = useState<SentimentLabel | 'unjudged'>('unjudged');
  const [cuesJudged, setCuesJudged] = useState(false);
  const [cues, setCues] = useState<CueKind[]>(analysis.cues.map((c) => c.kind));
  const [note, setNote] = useState('');
  const save = useSaveLabel(item.contactId);
  const topicCounts = new Map(topics.map((t) => [t.value, t.count]));

  const submit = (then?: () => void) => {
    save.mutate(
      {
        topic: topic.trim() || undefined,
        sentiment: sentiment === 'unjudged' ? undefined : sentiment,
        cues: cuesJudged ? cues : undefined,
        note: note.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifyDone('Label saved');
          setNote('');
          then?.();
        },
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {channelLabel(item.channel)} {item.direction === 'inbound' ? 'from the customer' : 'from us'},{' '}
          {exactTime(item.occurredAt)}
          {item.caseReference ? ` · ${item.caseReference}` : ''}
        </Text>
        <ContactText text={item.text} words={analysis.cues.flatMap((c) => c.words)} lines={6} />
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            The analysis read:
          </Text>
          <SentimentBadge sentiment={analysis.sentiment} score={analysis.sentimentScore} size="xs" />
          <Text size="xs" c="dimmed">
            {analysis.topic ? `topic ${topicLabel(analysis.topic)}` : 'no topic'},{' '}
            {analysis.cues.length === 0 ? 'no cues' : analysis.cues.map((c) => cueLabel(c.kind)).join(', ')}
          </Text>
        </Group>
      </Stack>

      <Divider />

      <Stack component="form" gap="sm" onSubmit={onSubmit} aria-label="Your label">
        <Text size="sm" c="dimmed">
          Judge what you read; leave the rest unjudged. Your label is compared with the analysis in the audit.
        </Text>
        <Autocomplete
          label="Topic"
          placeholder="Choose or type a topic"
          data={topics.map((t) => t.value)}
          value={topic}
          onChange={setTopic}
          maxLength={200}
          renderOption={({ option }) => (
            <Group justify="space-between" w="100%" wrap="nowrap">
              <span>{option.value}</span>
              <Text span size="xs" c="dimmed">
                {topicCounts.get(option.value)?.toLocaleString()}
              </Text>
            </Group>
          )}
          comboboxProps={{ withinPortal: true }}
        />
        <Stack gap={4}>
          <Text component="span" size="sm" fw={500} id="label-sentiment">
            Sentiment
          </Text>
          <SegmentedControl
            aria-labelledby="label-sentiment"
            data={[
              { value: 'unjudged', label: 'Not judged' },
              ...SENTIMENTS.map((s) => ({ value: s.value, label: s.label })),
            ]}
            value={sentiment}
            onChange={(value) => setSentiment(value as SentimentLabel | 'unjudged')}
            fullWidth
          />
        </Stack>
        <Switch
          label="I judged the cues"
          description="Ticked below: the cues the contact really shows; none ticked means it shows none"
          checked={cuesJudged}
          onChange={(event) => setCuesJudged(event.currentTarget.checked)}
        />
        <Checkbox.Group label="Cues" value={cues} onChange={(value) => setCues(value as CueKind[])}>
          <Stack gap={6} mt={6}>
            {CUE_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind} label={cueLabel(kind)} disabled={!cuesJudged} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label="Note"
          placeholder="What an analyst or trainer should know (optional)"
          autosize
          minRows={2}
          maxRows={6}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={4000}
        />
        {save.isError ? <FailedAction title="The label was not saved" error={save.error} /> : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Save label
          </Button>
          {onNext ? (
            <Button variant="default" disabled={save.isPending} onClick={() => submit(onNext)}>
              Save and next
            </Button>
          ) : null}
        </Group>
      </Stack>

      <Divider />
      <LabelHistory contactId={item.contactId} />
    </Stack>
  );
}
