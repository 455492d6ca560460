import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { AdminTable, FormError, ListStates, matches, Panel, SearchField, fieldError, formatDateTime } from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { Feed, FeedRequest } from './types';

export function FeedsPanel() {
  const feeds = useAdminQuery<{ items: Feed[] }>(adminKeys.feeds, '/channels/feeds');
  const [url, setUrl] = useState('');
  const [channel, setChannel] = useState<'forum' | 'social'>('forum');
  const [pollMinutes, setPollMinutes] = useState<number>(15);
  const [search, setSearch] = useState('');
  const add = useAdminChange<FeedRequest, Feed>(
    (body) => ({ path: '/channels/feeds', method: 'POST', body }),
    [adminKeys.feeds],
  );
  const remove = useAdminChange<string>(
    (id) => ({ path: `/channels/feeds/${id}`, method: 'DELETE' }),
    [adminKeys.feeds],
  );
  const poll = useAdminChange<string, { status: string; created: number; error: string | null }>(
    (id) => ({ path: `/channels/feeds/${id}/poll`, method: 'POST' }),
    [adminKeys.feeds],
  );
  const all = feeds.data?.items ?? [];
  const filtered = all.filter((f) => matches(search, f.url, f.channel));

  return (
    <Panel
      title="Forum and social feeds"
      id="admin-feeds"
      aside={<SearchField label="Search feeds" value={search} onChange={setSearch} />}
    >
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              { url: url.trim(), channel, pollMinutes },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: 'Feed added and polled' });
                  setUrl('');
                },
              },
            );
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Feed URL (RSS or Atom)"
              placeholder="https://community.example.com/latest.rss"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              required
              style={{ flex: 1 }}
              error={fieldError(add.error, 'url')}
            />
            <Select
              label="Channel"
              data={[
                { value: 'forum', label: 'Forum' },
                { value: 'social', label: 'Social' },
              ]}
              value={channel}
              onChange={(v) => setChannel((v as 'forum' | 'social') ?? 'forum')}
              allowDeselect={false}
              w={130}
            />
            <NumberInput
              label="Poll every"
              min={1}
              max={1440}
              allowDecimal={false}
              suffix=" min"
              value={pollMinutes}
              onChange={(v) => setPollMinutes(typeof v === 'number' ? v : 15)}
              w={130}
            />
            <Button type="submit" loading={add.isPending}>
              Follow feed
            </Button>
          </Group>
        </form>
        <FormError error={add.error ?? remove.error ?? poll.error} title="The feeds were not changed" />
        <ListStates
          query={feeds}
          total={all.length}
          filtered={filtered}
          empty={{
            title: 'No feeds yet',
            body: 'Follow a forum or a public page: its posts land on customers’ timelines.',
          }}
          noMatch="No feed matches that search"
        >
          {(items) => (
            <AdminTable label="Feeds" columns={['Feed', 'Channel', 'Every', 'Last poll', 'Posts', '']}>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td maw={360}>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {f.url}
                    </Text>
                    {f.lastError ? (
                      <Text size="xs" c="red.9">
                        {f.lastError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {f.channel}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{f.pollMinutes} min</Table.Td>
                  <Table.Td>{formatDateTime(f.lastPolledAt)}</Table.Td>
                  <Table.Td>{f.itemsSeen}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label="Poll now" withArrow>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Poll ${f.url} now`}
                          onClick={() => poll.mutate(f.id)}
                          loading={poll.isPending && poll.variables === f.id}
                        >
                          <IconRefresh size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Stop following" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Stop following ${f.url}`}
                          onClick={() => remove.mutate(f.id)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </AdminTable>
          )}
        </ListStates>
      </Stack>
    </Panel>
  );
}
