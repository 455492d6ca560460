import { Anchor, Badge, Box, Group, Spoiler, Text, type BoxProps } from '@mantine/core';
import {
  IconArrowDownLeft,
  IconArrowUpRight,
  IconLock,
  IconNote,
  IconPoint,
  IconRepeat,
  IconRobot,
  IconWorld,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TimelineItem as Item } from '../../api/types';
import { channelLabel, ChannelIcon } from '../channels';
import { exactTime, RelativeTime } from '../format';
import { DARK_ORANGE } from '../../components/readable';
import { AnalysisLine } from './AnalysisLine';
import { Conversation } from './Conversation';
import { describeEvent, type Names } from './describe-event';

interface Props {
  item: Item;
  position: number;
  setSize: number;
  /** The case open on screen: its entries are marked, others link to their case. */
  openCaseId?: string;
  customerName: string | null | undefined;
  names: Names;
  caseLink: (caseId: string) => string;
}

const AUTOMATED: Record<string, string> = { auto_reply: 'Auto-reply', bounce: 'Bounce', bulk: 'Bulk mail' };

/** One entry of the customer's timeline: a contact on any channel, or a case or customer event (quieter). */
export function TimelineItem(props: Props) {
  return props.item.type === 'contact' ? <ContactEntry {...props} /> : <EventEntry {...props} />;
}

/** An article of the feed, focusable and counted so screen readers announce "3 of 20". */
function Entry({
  position,
  setSize,
  label,
  children,
  ...frame
}: Pick<Props, 'position' | 'setSize'> & { label: string; children: ReactNode } & BoxProps) {
  return (
    <Box component="article" tabIndex={0} aria-posinset={position} aria-setsize={setSize} aria-label={label} {...frame}>
      {children}
    </Box>
  );
}

function CaseTag({
  item,
  openCaseId,
  caseLink,
  quiet = false,
}: Pick<Props, 'item' | 'openCaseId' | 'caseLink'> & { quiet?: boolean }) {
  if (!item.caseId || item.caseNumber === null) return null;
  if (item.caseId === openCaseId) {
    // Events of the open case need no tag: only the other cases' ones stand out.
    if (quiet) return null;
    return (
      <Badge size="xs" variant="light" color="hearken">
        This case
      </Badge>
    );
  }
  return (
    <Anchor component={Link} to={caseLink(item.caseId)} size="xs" fw={600}>
      C-{item.caseNumber}
    </Anchor>
  );
}

function ContactEntry({ item, position, setSize, openCaseId, customerName, caseLink }: Props) {
  const inbound = item.direction === 'inbound';
  const channel = channelLabel(item.channel);
  const onThisCase = Boolean(openCaseId) && item.caseId === openCaseId;
  const chatSessionId = typeof item.facts?.chatSessionId === 'string' ? item.facts.chatSessionId : null;
  const conversational = (item.channel === 'phone' || item.channel === 'chat') && Boolean(item.text);

  return (
    <Entry
      position={position}
      setSize={setSize}
      label={`${channel} ${inbound ? 'from the customer' : 'from us'}, ${exactTime(item.occurredAt)}${item.subject ? `: ${item.subject}` : ''}`}
      p="sm"
      bdrs="md"
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderLeft: `4px solid ${onThisCase ? 'var(--mantine-color-hearken-6)' : inbound ? 'var(--mantine-color-gray-4)' : 'var(--mantine-color-teal-6)'}`,
        background: inbound ? 'white' : 'var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
          <ChannelIcon channel={item.channel} labelled={false} />
          <Text size="sm" fw={650}>
            {channel}
          </Text>
          <Group gap={2} wrap="nowrap" c={inbound ? 'gray.8' : 'teal.9'}>
            {inbound ? <IconArrowDownLeft size={14} aria-hidden /> : <IconArrowUpRight size={14} aria-hidden />}
            <Text size="xs" fw={600}>
              {inbound ? 'From customer' : 'From us'}
            </Text>
          </Group>
          {item.automated ? (
            <Badge size="xs" color="gray" variant="outline" leftSection={<IconRobot size={11} aria-hidden />}>
              {AUTOMATED[item.automated] ?? 'Automated'}
            </Badge>
          ) : null}
          {item.public ? (
            <Badge
              size="xs"
              color="orange"
              c={DARK_ORANGE}
              variant="light"
              leftSection={<IconWorld size={11} aria-hidden />}
            >
              Public
            </Badge>
          ) : null}
          {item.repeat ? (
            <Badge size="xs" color="red" c="red.9" variant="light" leftSection={<IconRepeat size={11} aria-hidden />}>
              Repeat contact
            </Badge>
          ) : null}
          <CaseTag item={item} openCaseId={openCaseId} caseLink={caseLink} />
        </Group>
        <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
          <RelativeTime iso={item.occurredAt} />
        </Text>
      </Group>
      {item.subject ? (
        <Text size="sm" fw={600} mt={4}>
          {item.subject}
        </Text>
      ) : null}
      {conversational ? (
        <Conversation
          contactId={item.id}
          text={item.text ?? ''}
          kind={item.channel === 'phone' ? 'call' : 'chat'}
          chatSessionId={chatSessionId}
          customerName={customerName}
        />
      ) : item.text ? (
        <Spoiler maxHeight={132} showLabel="Show more" hideLabel="Show less" mt={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.text}
          </Text>
        </Spoiler>
      ) : null}
      {item.analysis ? <AnalysisLine analysis={item.analysis} /> : null}
    </Entry>
  );
}

function EventEntry({ item, position, setSize, openCaseId, names, caseLink }: Props) {
  const sentence = describeEvent(item.kind, item.data, names);
  // Events by a person carry a technical label ("user:<id>"); their name reads better.
  const actor = names.userName(item.actorUserId) ?? (item.actorLabel?.startsWith('user:') ? null : item.actorLabel);
  const isNote = item.kind === 'note';
  const Icon = isNote ? IconNote : item.type === 'customer_event' ? IconLock : IconPoint;
  return (
    <Entry
      position={position}
      setSize={setSize}
      label={`${isNote ? 'Note' : 'Case event'}${actor ? ` by ${actor}` : ''}, ${exactTime(item.occurredAt)}`}
      px="sm"
      py={isNote ? 8 : 2}
      bdrs="md"
      style={
        isNote
          ? { background: 'var(--mantine-color-yellow-0)', border: '1px dashed var(--mantine-color-yellow-6)' }
          : undefined
      }
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Icon
          size={14}
          aria-hidden
          style={{ marginTop: 3, flexShrink: 0 }}
          color={isNote ? 'var(--mantine-color-yellow-9)' : 'var(--mantine-color-gray-6)'}
        />
        <Text
          size={isNote ? 'sm' : 'xs'}
          c={isNote ? undefined : 'gray.7'}
          style={{ whiteSpace: 'pre-wrap', flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {sentence}
          <Text span size="xs" c="gray.7">
            {' · '}
            {actor ? `${actor} · ` : ''}
            <RelativeTime iso={item.occurredAt} />
          </Text>
        </Text>
        <CaseTag item={item} openCaseId={openCaseId} caseLink={caseLink} quiet />
      </Group>
    </Entry>
  );
}
