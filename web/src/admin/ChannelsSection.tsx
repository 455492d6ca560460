import {
  ActionIcon,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../components/states';
import { FeedsPanel } from './FeedsPanel';
import {
  AdminTable,
  FormError,
  ListStates,
  matches,
  Panel,
  SearchField,
  SectionHeader,
  ShownOnce,
  fieldError,
} from './parts';
import { adminKeys, useAdminChange, useAdminQuery } from './queries';
import type { ChannelSettings, ChannelSettingsChanges, Mailboxes, Organisation, Team } from './types';

export function ChannelsSection() {
  return (
    <>
      <SectionHeader
        title="Channels"
        intro="Where customers reach you: mail addresses, the chat widget, text messages, forums and social feeds, and the secrets that sign webhooks."
      />
      <Stack gap="md">
        <MailboxesPanel />
        <RoutingPanel />
        <ChatWidgetPanel />
        <WebhookSecretsPanel />
        <FeedsPanel />
      </Stack>
    </>
  );
}

function MailboxesPanel() {
  const mailboxes = useAdminQuery<Mailboxes>(adminKeys.mailboxes, '/channels/mailboxes');
  const [address, setAddress] = useState('');
  const [search, setSearch] = useState('');
  const refresh = [adminKeys.mailboxes, adminKeys.channelSettings];
  const add = useAdminChange<string, Mailboxes>(
    (a) => ({ path: '/channels/mailboxes', method: 'POST', body: { address: a } }),
    refresh,
  );
  const remove = useAdminChange<string, Mailboxes>(
    (a) => ({ path: `/channels/mailboxes/${encodeURIComponent(a)}`, method: 'DELETE' }),
    refresh,
  );
  const all = mailboxes.data?.addresses ?? [];
  const filtered = all.filter((a) => matches(search, a));
  return (
    <Panel
      title="Mailboxes"
      id="admin-mailboxes"
      aside={<SearchField label="Search mailboxes" value={search} onChange={setSearch} />}
    >
      <Stack gap="sm">
        {mailboxes.data ? (
          <Text size="sm">
            Mail to <Code>{mailboxes.data.defaultAddress}</Code> always reaches you. Add the addresses your customers
            write to (point their mail at Hearken&apos;s SMTP listener).
          </Text>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(address.trim(), {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `Mail to ${address.trim()} now reaches you` });
                setAddress('');
              },
            });
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Address"
              placeholder="support@example.com"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              required
              w={360}
              error={fieldError(add.error, 'address')}
            />
            <Button type="submit" loading={add.isPending}>
              Add mailbox
            </Button>
          </Group>
        </form>
        <FormError error={add.error ?? remove.error} title="The mailboxes were not changed" />
        <ListStates
          query={mailboxes}
          total={all.length}
          filtered={filtered}
          empty={{ title: 'No mailboxes of your own yet', body: 'Only the default address receives mail for now.' }}
          noMatch="No mailbox matches that search"
        >
          {(items) => (
            <AdminTable label="Mailboxes" columns={['Address', '']}>
              {items.map((a) => (
                <Table.Tr key={a}>
                  <Table.Td>{a}</Table.Td>
                  <Table.Td ta="right" w={60}>
                    <Tooltip label="Stop receiving mail here" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${a}`}
                        onClick={() => remove.mutate(a)}
                        loading={remove.isPending && remove.variables === a}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </AdminTable>
          )}
        </ListStates>
      </Stack>
    </Panel>
  );
}

function RoutingPanel() {
  const settings = useAdminQuery<ChannelSettings>(adminKeys.channelSettings, '/channels/settings');
  const teams = useAdminQuery<{ items: Team[] }>(adminKeys.teams, '/teams');
  return (
    <Panel title="Routing and the SMS gateway" id="admin-channel-settings">
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <RoutingForm settings={settings.data} teams={teams.data?.items ?? []} />
      )}
    </Panel>
  );
}

function RoutingForm({ settings, teams }: { settings: ChannelSettings; teams: Team[] }) {
  const initial = () => ({
    repeatWindowMinutes: settings.repeatWindowMinutes,
    intakeTeamId: settings.intakeTeamId,
    smsGatewayUrl: settings.smsGatewayUrl ?? '',
    smsSender: settings.smsSender ?? '',
  });
  const [form, setForm] = useState(initial);
  useEffect(() => setForm(initial()), [settings]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useAdminChange<ChannelSettingsChanges, ChannelSettings>(
    (body) => ({ path: '/channels/settings', method: 'PATCH', body }),
    [adminKeys.channelSettings],
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            repeatWindowMinutes: form.repeatWindowMinutes,
            intakeTeamId: form.intakeTeamId,
            smsGatewayUrl: form.smsGatewayUrl.trim() || null,
            smsSender: form.smsSender.trim() || null,
          },
          { onSuccess: () => notifications.show({ color: 'green', message: 'Channel settings saved' }) },
        );
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Intake team"
            description="Receives new conversations from every channel"
            data={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={form.intakeTeamId}
            onChange={(v) => setForm({ ...form, intakeTeamId: v })}
            clearable
            placeholder="No team: cases wait unassigned"
            error={fieldError(save.error, 'intakeTeamId')}
          />
          <NumberInput
            label="Repeat window"
            description="A contact on the same topic this soon joins the open case"
            min={0}
            max={525_600}
            allowDecimal={false}
            suffix=" min"
            value={form.repeatWindowMinutes}
            onChange={(v) => setForm({ ...form, repeatWindowMinutes: typeof v === 'number' ? v : 0 })}
          />
          <TextInput
            label="SMS gateway URL"
            description="Replies by text are posted here"
            placeholder="https://sms.example.com/send"
            value={form.smsGatewayUrl}
            onChange={(e) => setForm({ ...form, smsGatewayUrl: e.currentTarget.value })}
            error={fieldError(save.error, 'smsGatewayUrl')}
          />
          <TextInput
            label="SMS sender"
            description="The number or name texts come from"
            placeholder="+447700900000"
            value={form.smsSender}
            onChange={(e) => setForm({ ...form, smsSender: e.currentTarget.value })}
            error={fieldError(save.error, 'smsSender')}
          />
        </SimpleGrid>
        <FormError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save channel settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChatWidgetPanel() {
  const organisation = useAdminQuery<Organisation>(adminKeys.organisation, '/organisation');
  return (
    <Panel title="Chat widget" id="admin-chat-widget">
      {organisation.isPending ? (
        <Loading />
      ) : organisation.isError ? (
        <ErrorState error={organisation.error} onRetry={() => void organisation.refetch()} />
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            Put this tag on any page of your site. Visitors come back to the same conversation; new chats go to the
            intake team and agents see them live.
          </Text>
          <Code block data-testid="widget-snippet">
            {organisation.data.chatWidgetSnippet}
          </Code>
        </Stack>
      )}
    </Panel>
  );
}

function WebhookSecretsPanel() {
  const settings = useAdminQuery<ChannelSettings>(adminKeys.channelSettings, '/channels/settings');
  const [retirePrevious, setRetirePrevious] = useState(false);
  const rotate = useAdminChange<boolean, { secret: string }>(
    (retire) => ({ path: '/channels/webhook-secrets', method: 'POST', query: { retirePrevious: retire } }),
    [adminKeys.channelSettings],
  );
  const count = settings.data?.webhookSecrets;
  return (
    <Panel title="Webhook secrets" id="admin-webhook-secrets">
      <Stack gap="sm">
        <Text size="sm">
          Phone, SMS and social webhooks must be signed with a secret (HMAC-SHA256).{' '}
          {count === undefined
            ? ''
            : count === 0
              ? 'There is no secret yet: webhooks are refused.'
              : `${count} secret(s) valid now.`}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rotate.mutate(retirePrevious);
          }}
        >
          <Group align="center">
            <Button type="submit" variant="light" loading={rotate.isPending}>
              Create a new secret
            </Button>
            <Checkbox
              label="Stop accepting the previous secret at once"
              checked={retirePrevious}
              onChange={(e) => setRetirePrevious(e.currentTarget.checked)}
            />
          </Group>
        </form>
        <FormError error={rotate.error} title="No secret was created" />
        {rotate.data ? (
          <ShownOnce
            label="Webhook secret"
            value={rotate.data.secret}
            note="Copy it into your telephony, SMS or social integration now: it is shown only this once."
          />
        ) : null}
      </Stack>
    </Panel>
  );
}
