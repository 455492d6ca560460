import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '../../errors.ts';
import { findTeam } from '../../store/repositories/people.ts';
import {
  loadChannelSettings,
  listMailboxes,
  saveChannelSettings,
  type ChannelSettings,
} from '../../store/repositories/channel-settings.ts';
import { findTenantOf } from '../../store/repositories/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';

/** Two secrets at most: the new one, and the one senders are still moving away from. */
const KEPT_SECRETS = 2;

export interface ChannelSettingsView {
  repeatWindowMinutes: number;
  intakeTeamId: string | null;
  smsGatewayUrl: string | null;
  smsSender: string | null;
  webhookSecrets: number;
  /** Where mail reaches this organisation: <slug>@ any domain, and the configured mailboxes. */
  mailAddresses: string[];
}

export async function channelSettingsView(scope: TenantScope, mailDomain: string): Promise<ChannelSettingsView> {
  const [settings, tenant, mailboxes] = [
    await loadChannelSettings(scope),
    await findTenantOf(scope),
    await listMailboxes(scope),
  ];
  return {
    repeatWindowMinutes: settings.repeatWindowMinutes,
    intakeTeamId: settings.intakeTeamId,
    smsGatewayUrl: settings.smsGatewayUrl,
    smsSender: settings.smsSender,
    webhookSecrets: settings.webhookSecrets.length,
    mailAddresses: [`${tenant.slug}@${mailDomain}`, ...mailboxes],
  };
}

export type ChannelSettingsChange = Partial<
  Pick<ChannelSettings, 'repeatWindowMinutes' | 'intakeTeamId' | 'smsGatewayUrl' | 'smsSender'>
>;

export async function changeChannelSettings(scope: TenantScope, change: ChannelSettingsChange): Promise<void> {
  if (change.intakeTeamId && !(await findTeam(scope, change.intakeTeamId))) throw notFound('Team');
  if (change.smsGatewayUrl && !/^https?:\/\//i.test(change.smsGatewayUrl)) {
    throw new AppError('validation_failed', 'smsGatewayUrl must be an http or https address', {
      reason: 'bad_gateway_url',
    });
  }
  await saveChannelSettings(scope, change);
}

/**
 * A new signing secret for webhooks, shown once. The previous one keeps working until the
 * next rotation (or until retired), so senders can switch without losing a request.
 */
export function rotateWebhookSecret(scope: TenantScope, retirePrevious: boolean): Promise<string> {
  return inTransaction(scope, async (tx) => {
    const secret = `hkw_${randomBytes(32).toString('base64url')}`;
    const { webhookSecrets } = await loadChannelSettings(tx);
    const kept = retirePrevious ? [] : webhookSecrets.slice(0, KEPT_SECRETS - 1);
    await saveChannelSettings(tx, { webhookSecrets: [secret, ...kept] });
    return secret;
  });
}
