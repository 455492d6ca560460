import { Stack, Title, VisuallyHidden } from '@mantine/core';
import { useParams } from 'react-router';
import { useCustomer } from '../queries';
import { Timeline } from '../timeline/Timeline';
import { VerificationPanel } from '../verification/VerificationPanel';
import { CustomerPanel } from './CustomerPanel';

/** A customer without a case open (from search): the same picture and timeline, nothing to act on. */
export function CustomerView() {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  // A merged customer's old id answers with the survivor: use the survivor's id from then on.
  const id = customer.data?.id ?? customerId;
  return (
    <Stack gap="md" p="lg" maw={1200}>
      <VisuallyHidden>
        <Title order={1}>Customer {customer.data?.name ?? ''}</Title>
      </VisuallyHidden>
      <CustomerPanel customerId={id} />
      {customer.data ? <VerificationPanel customerId={id} /> : null}
      <Timeline customerId={id} customerName={customer.data?.name} />
    </Stack>
  );
}
