import { Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { FormError, Panel, SectionHeader, fieldError } from './parts';
import { ErrorState, Loading } from '../components/states';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { Organisation } from './types';

/** Every IANA zone the browser knows; the server has the last word on which are valid. */
export const TIME_ZONES: string[] = (() => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC', 'Europe/London'];
  }
})();

export function OrganisationSection() {
  const organisation = useAdminQuery<Organisation>(adminKeys.organisation, '/organisation');
  return (
    <>
      <SectionHeader
        title="Organisation"
        intro="Your organisation's name, as customers and staff see it, and the time zone its business runs in."
      />
      {organisation.isPending ? (
        <Loading />
      ) : organisation.isError ? (
        <ErrorState error={organisation.error} onRetry={() => void organisation.refetch()} />
      ) : (
        <OrganisationForm organisation={organisation.data} />
      )}
    </>
  );
}

function OrganisationForm({ organisation }: { organisation: Organisation }) {
  const [name, setName] = useState(organisation.name);
  const [timeZone, setTimeZone] = useState<string | null>(organisation.timeZone);
  useEffect(() => {
    setName(organisation.name);
    setTimeZone(organisation.timeZone);
  }, [organisation]);
  const save = useAdminChange<{ name: string; timeZone: string }, Organisation>(
    (body) => ({ path: '/organisation', method: 'PATCH', body }),
    [adminKeys.organisation],
  );
  const changed = name !== organisation.name || timeZone !== organisation.timeZone;

  return (
    <Stack gap="md" maw={760}>
      <Panel title="Name and time zone" id="admin-organisation-details">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { name, timeZone: timeZone ?? '' },
              { onSuccess: () => notifications.show({ color: 'green', message: 'Organisation saved' }) },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(save.error, 'name')}
              maxLength={200}
            />
            <Select
              label="Time zone"
              description="Used for the organisation's own dates; each SLA calendar keeps its own zone"
              data={TIME_ZONES}
              value={timeZone}
              onChange={setTimeZone}
              searchable
              required
              nothingFoundMessage="No such time zone"
              error={fieldError(save.error, 'timeZone')}
            />
            <FormError error={save.error} />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Panel>
      <Panel title="Addresses" id="admin-organisation-addresses">
        <Stack gap="xs">
          <Text size="sm">
            <Text span fw={600}>
              Short name:
            </Text>{' '}
            {organisation.slug} (used at sign-in and in webhook addresses; it does not change)
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              Customer portal:
            </Text>{' '}
            <Anchor href={organisation.portalUrl}>{organisation.portalUrl}</Anchor>
          </Text>
        </Stack>
      </Panel>
    </Stack>
  );
}
