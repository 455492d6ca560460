import { Badge, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../api/client';
import type { SearchResult, Success } from '../api/types';
import { Highlighted } from './Highlighted';

const KIND_LABEL: Record<SearchResult['type'], string> = { customer: 'Customer', case: 'Case', contact: 'Contact' };

/** How long typing pauses before the search is asked: shorter felt laggy to nobody, longer did. */
const SEARCH_PAUSE_MS = 120;

/** Search everything (customers by any identity, cases, contacts) from anywhere: Ctrl+K or "/". */
export function GlobalSearch() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), SEARCH_PAUSE_MS);
  const results = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => api<Success<'/api/v1/search'>>('/search', { query: { q: debounced, limit: 15 }, signal }),
    enabled: debounced.length >= 2,
  });

  function open(result: SearchResult) {
    navigate(result.caseId ? `/work/cases/${result.caseId}` : `/work/customers/${result.customerId}`);
  }

  return (
    <>
      <UnstyledButton
        onClick={() => spotlight.open()}
        aria-label="Search customers, cases and contacts (Ctrl+K)"
        px="sm"
        py={6}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white', minWidth: 240 }}
      >
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconSearch size={16} aria-hidden color="var(--mantine-color-gray-7)" />
            <Text size="sm" c="gray.7">
              Search
            </Text>
          </Group>
          <Kbd size="xs">Ctrl K</Kbd>
        </Group>
      </UnstyledButton>
      <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', '/']} scrollable maxHeight={480}>
        <Spotlight.Search
          placeholder="Name, email, phone, case number or words…"
          leftSection={results.isFetching ? <Loader size={16} /> : <IconSearch size={18} aria-hidden />}
          aria-label="Search"
        />
        {/* Which words the list answers: while a new answer is on its way, the last one still shows. */}
        <Spotlight.ActionsList data-results-for={results.data ? debounced : undefined}>
          {debounced.length < 2 ? (
            <Spotlight.Empty>Type at least two characters.</Spotlight.Empty>
          ) : results.isError ? (
            <Spotlight.Empty>{errorMessage(results.error)}</Spotlight.Empty>
          ) : results.data && results.data.results.length === 0 ? (
            <Spotlight.Empty>Nothing matches “{debounced}”.</Spotlight.Empty>
          ) : (
            (results.data?.results ?? []).map((result) => (
              <Spotlight.Action key={`${result.type}-${result.id}`} onClick={() => open(result)}>
                <Group wrap="nowrap" gap="sm" w="100%">
                  <Badge
                    variant="light"
                    // Never squeezed by a long title: the kind stays readable ("Customer", not "CUSTO…").
                    miw={92}
                    style={{ flexShrink: 0, overflow: 'visible' }}
                    color={result.type === 'customer' ? 'teal' : result.type === 'case' ? 'hearken' : 'gray'}
                  >
                    {KIND_LABEL[result.type]}
                  </Badge>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate>
                      {result.caseNumber ? `C-${result.caseNumber} · ` : ''}
                      {result.title ?? 'Untitled'}
                    </Text>
                    {result.snippet ? (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        <Highlighted text={result.snippet} />
                      </Text>
                    ) : null}
                  </div>
                </Group>
              </Spotlight.Action>
            ))
          )}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
