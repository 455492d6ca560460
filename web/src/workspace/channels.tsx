import {
  IconBrandMessenger,
  IconDeviceDesktop,
  IconMail,
  IconMessageCircle,
  IconMessages,
  IconPhone,
  IconQuestionMark,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

interface ChannelLook {
  label: string;
  icon: Icon;
}

const CHANNELS: Record<string, ChannelLook> = {
  email: { label: 'Email', icon: IconMail },
  chat: { label: 'Chat', icon: IconMessages },
  phone: { label: 'Phone', icon: IconPhone },
  sms: { label: 'SMS', icon: IconMessageCircle },
  portal: { label: 'Portal', icon: IconDeviceDesktop },
  forum: { label: 'Forum', icon: IconUsersGroup },
  social: { label: 'Social', icon: IconBrandMessenger },
};

export const CHANNEL_KEYS = Object.keys(CHANNELS);

export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return 'Unknown channel';
  return CHANNELS[channel]?.label ?? channel;
}

/** The channel as an icon; its name goes to assistive tech unless text already says it. */
export function ChannelIcon({
  channel,
  size = 16,
  labelled = true,
}: {
  channel: string | null | undefined;
  size?: number;
  labelled?: boolean;
}) {
  const Glyph = (channel && CHANNELS[channel]?.icon) || IconQuestionMark;
  return labelled ? (
    <Glyph size={size} role="img" aria-label={channelLabel(channel)} stroke={1.8} />
  ) : (
    <Glyph size={size} aria-hidden stroke={1.8} />
  );
}
