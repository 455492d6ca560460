import {
  ActionIcon,
  Alert,
  Badge,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { DARK_GREEN } from '../components/readable';
import { Empty, ErrorState, Loading } from '../components/states';

/** The head of one admin section: its h1, what it is for, and its main action. */
export function SectionHeader({ title, intro, action }: { title: string; intro: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="md">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          {intro}
        </Text>
      </div>
      {action}
    </Group>
  );
}

/** A card holding one list or form of a section, named by its h2: the staff screens' one section card. */
export { SectionCard as Panel } from '../components/SectionCard';

export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <TextInput
      aria-label={label}
      placeholder={label}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={280}
      type="search"
    />
  );
}

export const matches = (query: string, ...fields: (string | null | undefined)[]) => {
  const q = query.trim().toLowerCase();
  return q === '' || fields.some((f) => (f ?? '').toLowerCase().includes(q));
};

/**
 * Loading, failed and empty states of a list, then the list itself. `filtered` is what the
 * search leaves; an empty search result says so rather than claiming there is nothing at all.
 */
export function ListStates<T>({
  query,
  total,
  filtered,
  empty,
  noMatch,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  total: number;
  filtered: T[];
  empty: { title: string; body: ReactNode };
  noMatch: string;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (total === 0) return <Empty title={empty.title}>{empty.body}</Empty>;
  if (filtered.length === 0) return <Empty title={noMatch}>Try fewer or other words.</Empty>;
  return <>{children(filtered)}</>;
}

/** A table with named column headers, scrolling sideways on narrow screens. */
export function AdminTable({ columns, children, label }: { columns: string[]; children: ReactNode; label: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} style={{ whiteSpace: 'nowrap' }}>
                {c === '' ? <VisuallyHidden>Actions</VisuallyHidden> : c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What the API refused, in its own words, next to the form; what was typed stays. */
export function FormError({ error, title = 'Not saved' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} icon={<IconAlertTriangle size={18} aria-hidden />}>
      {errorMessage(error)}
    </Alert>
  );
}

/** The message for one field when the API named it in its refusal (`details.field`). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details as { field?: string } | undefined;
  return details?.field === field ? error.message : undefined;
}

/** A secret or link shown this once: copy it now, it cannot be shown again. */
export function ShownOnce({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Alert color="yellow" variant="light" title={label} role="status">
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="shown-once">
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                <ActionIcon
                  variant="light"
                  onClick={copy}
                  aria-label={copied ? 'Copied' : `Copy ${label.toLowerCase()}`}
                >
                  {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
export const formatDateTime = (iso: string | null | undefined, timeZone?: string) =>
  iso
    ? (timeZone
        ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone })
        : DATE_TIME
      ).format(new Date(iso))
    : '—';

/** Active or not, readable at WCAG AA on its tint. */
/** A badge in a table keeps its whole word: a squeezed column cut "Active" to "Ac…". */
export const WHOLE_WORD = { minWidth: 'max-content' } as const;

export function StatusBadge({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <Badge
      variant="light"
      color={active ? 'green' : 'gray'}
      c={active ? DARK_GREEN : 'dark.6'}
      tt="none"
      style={WHOLE_WORD}
    >
      {children}
    </Badge>
  );
}
