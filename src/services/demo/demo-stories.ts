import type { ReservedIdentities } from './demo-customers.ts';
import type { CustomerProfile, CustomerScript } from './demo-script.ts';
import { LAPTOP_BROADBAND_PROFILE, laptopBroadbandStory } from './stories/laptop-broadband.ts';
import { LAUNCH_DAY_PROFILE, launchDayStory } from './stories/launch-day.ts';
import { LOCAL_TEAM_PROFILE, localTeamStory } from './stories/local-team.ts';
import { SECURITY_CHECK_PROFILE, securityCheckStory } from './stories/security-check.ts';
import { STOP_CALLING_PROFILE, stopCallingStory } from './stories/stop-calling.ts';

/** The customers to look at first: each shows a failure Hearken exists to prevent, or the cure. */
export interface DemoStory {
  title: string;
  profile: CustomerProfile;
  script: (now: Date) => CustomerScript;
}

export const DEMO_STORIES: readonly DemoStory[] = [
  {
    title: 'failed security over a wrong house number, cut off, asked to repeat everything',
    profile: SECURITY_CHECK_PROFILE,
    script: securityCheckStory,
  },
  {
    title: 'asked on every channel not to be called; the vendor kept calling',
    profile: STOP_CALLING_PROFILE,
    script: stopCallingStory,
  },
  {
    title: 'laptop broadband: 14 days, 7 calls, 6 chats between Lumen and the maker',
    profile: LAPTOP_BROADBAND_PROFILE,
    script: laptopBroadbandStory,
  },
  {
    title: 'launch day: orders collapsed and nobody told anyone anything',
    profile: LAUNCH_DAY_PROFILE,
    script: launchDayStory,
  },
  {
    title: 'one local expert owned the whole query until it was done',
    profile: LOCAL_TEAM_PROFILE,
    script: localTeamStory,
  },
];

/** The story customers' emails, numbers and handles, kept away from generated customers. */
export function storyIdentities(): ReservedIdentities {
  const profiles = DEMO_STORIES.map((s) => s.profile);
  const phones = profiles.flatMap((p) => (p.phone ? [p.phone] : []));
  return {
    emails: profiles.flatMap((p) => (p.email ? [p.email] : [])),
    handles: profiles.flatMap((p) => (p.handle ? [p.handle] : [])),
    firstFreeMobile: Math.max(...phones.map((phone) => Number(phone.slice(-3)))) + 1,
  };
}
