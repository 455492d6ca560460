import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Long lists scroll inside their card (headers stay put) so every section stays in reach. */
export const LIST_MAX_HEIGHT = 420;

/** One section of the overview: a card whose h2 names it (tests and screen readers find sections by it). */
export function SectionCard({
  title,
  aside,
  children,
  id,
}: {
  title: string;
  aside?: ReactNode;
  children: ReactNode;
  id: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="center" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Card>
  );
}
