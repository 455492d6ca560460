import { Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { ReviewFacets } from '../api/types';
import { cueLabel, SENTIMENTS, topicLabel } from '../components/analysis';
import { channelLabel } from '../workspace/channels';
import type { FilterName, ReviewFilters } from './filters';

interface Props {
  filters: ReviewFilters;
  facets: ReviewFacets | undefined;
  active: number;
  onChange: (name: FilterName, value: string | null) => void;
  onClear: () => void;
}

const counted = (label: string, count: number) => `${label} (${count.toLocaleString()})`;

/** A facet's values with their counts; a value in the address but no longer counted stays choosable. */
function options(
  values: { value: string; count: number; name?: string }[] | undefined,
  label: (v: { value: string; name?: string }) => string,
  current: string | undefined,
) {
  const data = (values ?? []).map((v) => ({ value: v.value, label: counted(label(v), v.count) }));
  if (current && !data.some((d) => d.value === current))
    data.unshift({ value: current, label: label({ value: current }) });
  return data;
}

const REVIEWED = [
  { value: 'all', label: 'All' },
  { value: 'false', label: 'Not reviewed' },
  { value: 'true', label: 'Reviewed' },
];

/** What the review queue is narrowed to: each select shows how many analysed contacts it holds. */
export function ReviewFiltersBar({ filters, facets, active, onChange, onClear }: Props) {
  const select = (name: FilterName, label: string, data: { value: string; label: string }[], placeholder: string) => (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={filters[name] === undefined ? null : String(filters[name])}
      onChange={(value) => onChange(name, value)}
      clearable
      searchable={data.length > 8}
      nothingFoundMessage="Nothing matches"
      size="xs"
      w={148}
      comboboxProps={{ withinPortal: true }}
    />
  );

  return (
    <Paper withBorder p="sm" component="section" aria-label="Filters">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {select(
          'topic',
          'Topic',
          options(facets?.topics, (v) => topicLabel(v.value), filters.topic),
          facets && facets.topics.length === 0 ? 'No topics yet' : 'Any topic',
        )}
        {select(
          'cue',
          'Cue',
          options(facets?.cues, (v) => cueLabel(v.value), filters.cue),
          'Any cue',
        )}
        {select(
          'channel',
          'Channel',
          options(facets?.channels, (v) => channelLabel(v.value), filters.channel),
          'Any channel',
        )}
        {select(
          'direction',
          'Written by',
          [
            { value: 'inbound', label: 'The customer' },
            { value: 'outbound', label: 'Us' },
          ],
          'Anyone',
        )}
        {select(
          'teamId',
          'Team',
          options(facets?.teams, (v) => v.name ?? 'A team no longer counted', filters.teamId),
          'Any team',
        )}
        {select(
          'vendor',
          'Vendor',
          options(facets?.vendors, (v) => v.value, filters.vendor),
          facets && facets.vendors.length === 0 ? 'No vendors' : 'Any vendor',
        )}
        {select(
          'sentiment',
          'Sentiment',
          SENTIMENTS.map((s) => ({ value: s.value, label: s.label })),
          'Any sentiment',
        )}
        <Stack gap={4}>
          <Text component="span" size="xs" fw={500} id="review-filter-reviewed">
            Expert review
          </Text>
          <SegmentedControl
            aria-labelledby="review-filter-reviewed"
            size="xs"
            data={REVIEWED}
            value={filters.reviewed === undefined ? 'all' : String(filters.reviewed)}
            onChange={(value) => onChange('reviewed', value === 'all' ? null : value)}
          />
        </Stack>
        {active > 0 ? (
          <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={onClear}>
            Clear filters ({active})
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
