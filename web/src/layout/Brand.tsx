import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconEar } from '@tabler/icons-react';

export function Brand({ size = 'md', subtitle }: { size?: 'md' | 'lg'; subtitle?: string }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 38 : 30} radius="md" aria-hidden>
        <IconEar size={large ? 24 : 19} />
      </ThemeIcon>
      <div>
        <Text fw={750} size={large ? 'xl' : 'lg'} lh={1.1}>
          Hearken
        </Text>
        {subtitle ? (
          <Text size="xs" c="dimmed" lh={1.1}>
            {subtitle}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
