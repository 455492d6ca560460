import { Button, Group, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../components/states';
import { FormError, Panel, SectionHeader } from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { CasePolicy } from './types';

export function CasePolicySection() {
  const policy = useAdminQuery<CasePolicy>(adminKeys.casePolicy, '/settings/case-policy');
  return (
    <>
      <SectionHeader
        title="Case policy"
        intro="How long hand-offs may wait, and how much effort a customer may have to spend before a case escalates by itself."
      />
      {policy.isPending ? (
        <Loading />
      ) : policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        <CasePolicyForm policy={policy.data} />
      )}
    </>
  );
}

function CasePolicyForm({ policy }: { policy: CasePolicy }) {
  const [form, setForm] = useState(policy);
  useEffect(() => setForm(policy), [policy]);
  const save = useAdminChange<CasePolicy, CasePolicy>(
    (body) => ({ path: '/settings/case-policy', method: 'PUT', body }),
    [adminKeys.casePolicy],
  );
  const number = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback);
  const field = (
    key: Exclude<keyof CasePolicy, 'effortThresholds'>,
    label: string,
    description: string,
    max = 43_200,
  ) => (
    <NumberInput
      label={label}
      description={description}
      min={1}
      max={max}
      allowDecimal={false}
      suffix=" min"
      required={key !== 'partnerResponseMinutes'}
      value={form[key] ?? ''}
      onChange={(v) => setForm({ ...form, [key]: number(v, 0) })}
    />
  );
  const threshold = (key: keyof CasePolicy['effortThresholds'], label: string, description: string) => (
    <NumberInput
      label={label}
      description={description}
      min={1}
      max={1000}
      allowDecimal={false}
      required
      value={form.effortThresholds[key]}
      onChange={(v) => setForm({ ...form, effortThresholds: { ...form.effortThresholds, [key]: number(v, 0) } })}
    />
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form, { onSuccess: () => notifications.show({ color: 'green', message: 'Case policy saved' }) });
      }}
    >
      <Stack gap="md" maw={900}>
        <Panel title="Effort thresholds" id="admin-case-policy-effort">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {threshold('contacts', 'Contacts', 'Escalate once the customer has had to get in touch this often')}
            {threshold('transfers', 'Transfers', 'Escalate once the case has been handed on this often')}
            {threshold('daysOpen', 'Days open', 'Escalate once the case has been open this many days')}
          </SimpleGrid>
        </Panel>
        <Panel title="Hand-offs and waits" id="admin-case-policy-timers">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('transferOfferMinutes', 'Transfer offer', 'How long a receiver has to accept a transfer')}
            {field('escalationAcceptMinutes', 'Escalation acceptance', 'How long an escalation waits before it climbs')}
            {field(
              'callbackOfferWaitMinutes',
              'Offer a callback after',
              'Offer a callback when the estimated wait is longer',
            )}
            {field('averageHandlingMinutes', 'Average handling time', 'Used for honest wait estimates')}
            {field(
              'partnerResponseMinutes',
              'Partner response',
              'How long a partner may hold a shared case unanswered',
            )}
          </SimpleGrid>
        </Panel>
        <FormError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save case policy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
