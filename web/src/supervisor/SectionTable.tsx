import { Table, Text, type TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { LIST_MAX_HEIGHT } from '../components/SectionCard';

export interface Column {
  label: string;
  align?: TableThProps['ta'];
}

interface Props {
  columns: (string | Column)[];
  /** Said above the table when the server listed only some of the rows. */
  note?: ReactNode;
  /** Long lists scroll inside the card, under a header that stays put. */
  scrolls?: boolean;
  /** The rows: `Table.Tr`s. */
  children: ReactNode;
}

/** The table of one overview section: scrolls sideways on narrow screens, headers named once. */
export function SectionTable({ columns, note, scrolls = false, children }: Props) {
  return (
    <>
      {note ? (
        <Text size="sm" c="dimmed" mb="xs">
          {note}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={640} maxHeight={scrolls ? LIST_MAX_HEIGHT : undefined}>
        <Table verticalSpacing="xs" highlightOnHover stickyHeader={scrolls}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => {
                const { label, align } = typeof column === 'string' ? { label: column, align: undefined } : column;
                return (
                  <Table.Th key={label} ta={align}>
                    {label}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
