import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The way back from a request's pages to the list of them, the portal's home. */
export function BackToRequests({ organisation }: { organisation: string }) {
  return (
    <Anchor component={Link} to={`/portal/${organisation}`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        My requests
      </Group>
    </Anchor>
  );
}
