import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAt, IconCircleCheck, IconHelpCircle, IconPhone, type Icon } from '@tabler/icons-react';
import type { Customer, CustomerIdentity } from '../../api/types';
import { DARK_GREEN } from '../../components/readable';

const KIND: Record<CustomerIdentity['kind'], { icon: Icon; label: string }> = {
  email: { icon: IconAt, label: 'Email' },
  phone: { icon: IconPhone, label: 'Phone' },
  handle: { icon: IconAt, label: 'Handle' },
};

/** Every way the customer reaches us, and whether they proved each one is theirs (said in words, not colour alone). */
export function IdentityList({ customer }: { customer: Customer }) {
  const identities = customer.identities;
  if (identities.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        No email, phone or handle on record.
      </Text>
    );
  }
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Identities">
      {identities.map((identity) => {
        const { icon: KindIcon, label } = KIND[identity.kind];
        return (
          <Group key={`${identity.kind}:${identity.value}`} component="li" gap={6} wrap="wrap" style={{ rowGap: 2 }}>
            <KindIcon size={14} role="img" aria-label={label} color="var(--mantine-color-gray-7)" />
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {identity.value}
            </Text>
            {identity.verified ? (
              <Badge
                size="xs"
                variant="light"
                color="green"
                c={DARK_GREEN}
                leftSection={<IconCircleCheck size={11} aria-hidden />}
              >
                Verified
              </Badge>
            ) : (
              <Badge size="xs" variant="outline" color="gray" leftSection={<IconHelpCircle size={11} aria-hidden />}>
                Unverified
              </Badge>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
