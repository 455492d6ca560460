import type { Role } from '../../domain/vocabulary.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { createTeam, createUser } from '../people/manage-people.ts';

/** The teams of Lumen Mobile's customer service. */
export type TeamKey = 'billing' | 'network' | 'orders' | 'north' | 'outbound';

interface TeamPlan {
  name: string;
  skills: string[];
  regions: string[];
}

export const DEMO_TEAMS: Record<TeamKey, TeamPlan> = {
  billing: {
    name: 'Billing & Retention',
    skills: ['billing', 'roaming', 'payments', 'cancellation', 'retention'],
    regions: [],
  },
  network: { name: 'Network & Devices', skills: ['network', 'coverage', 'handsets', 'broadband', 'sim'], regions: [] },
  orders: { name: 'Orders & Activation', skills: ['orders', 'activation', 'porting', 'upgrades', 'esim'], regions: [] },
  // A local team that owns any query from its region, end to end.
  north: {
    name: 'North Local Experts',
    skills: [
      'billing',
      'roaming',
      'network',
      'handsets',
      'broadband',
      'orders',
      'activation',
      'porting',
      'cancellation',
    ],
    regions: ['North', 'North West'],
  },
  // An outsourced contact centre running sales campaigns for Lumen; its agents have no login here.
  outbound: { name: 'Outbound Sales (Brightline, vendor)', skills: ['sales', 'upgrades'], regions: [] },
};

export type StaffKey =
  | 'admin'
  | 'supervisor'
  | 'analyst'
  | 'dan'
  | 'aisha'
  | 'grace'
  | 'tom'
  | 'sam'
  | 'lucy'
  | 'niamh'
  | 'callum'
  | 'jordan'
  | 'casey';

interface StaffPlan {
  key: StaffKey;
  name: string;
  email: string;
  role: Role;
  password: string | null;
  team: TeamKey | null;
}

const AGENT_PASSWORD = 'demo-agent-pass';

const agent = (key: StaffKey, name: string, team: TeamKey): StaffPlan => ({
  key,
  name,
  email: `${key}@lumen.example`,
  role: 'agent',
  password: team === 'outbound' ? null : AGENT_PASSWORD,
  team,
});

/** Everyone who works the demo tenant; the admin is created with the tenant itself. */
export const DEMO_STAFF: readonly StaffPlan[] = [
  {
    key: 'admin',
    name: 'Administrator',
    email: 'admin@lumen.example',
    role: 'admin',
    password: 'demo-admin-pass',
    team: null,
  },
  {
    key: 'supervisor',
    name: 'Morgan Hale',
    email: 'supervisor@lumen.example',
    role: 'supervisor',
    password: 'demo-supervisor-pass',
    team: null,
  },
  {
    key: 'analyst',
    name: 'Rosa Delgado',
    email: 'analyst@lumen.example',
    role: 'analyst',
    password: 'demo-analyst-pass',
    team: null,
  },
  agent('dan', 'Dan Whitaker', 'billing'),
  agent('aisha', 'Aisha Khan', 'billing'),
  agent('grace', 'Grace Lin', 'network'),
  agent('tom', 'Tom Okafor', 'network'),
  agent('sam', 'Sam Patel', 'orders'),
  agent('lucy', 'Lucy Evans', 'orders'),
  agent('niamh', 'Niamh Byrne', 'north'),
  agent('callum', 'Callum Reid', 'north'),
  agent('jordan', 'Jordan Vale', 'outbound'),
  agent('casey', 'Casey Brook', 'outbound'),
];

export interface DemoLogin {
  role: Role;
  name: string;
  email: string;
  password: string;
  team: string | null;
}

/** The logins printed for people trying the demo: fixed, so a restarted demo keeps them. */
export function demoLogins(): DemoLogin[] {
  return DEMO_STAFF.filter((s) => s.password !== null).map((s) => ({
    role: s.role,
    name: s.name,
    email: s.email,
    password: s.password!,
    team: s.team ? DEMO_TEAMS[s.team].name : null,
  }));
}

export const staffPlan = (key: StaffKey): StaffPlan => DEMO_STAFF.find((s) => s.key === key)!;

/** The agents who take cases for a team. */
export const agentsOf = (team: TeamKey): StaffKey[] => DEMO_STAFF.filter((s) => s.team === team).map((s) => s.key);

/** How a member of staff appears in what they say or write: their name and team. */
export function speakerOf(key: StaffKey): { name: string; team: string } {
  const plan = staffPlan(key);
  return {
    name: plan.name,
    team: plan.team
      ? DEMO_TEAMS[plan.team].name
      : plan.role === 'supervisor'
        ? 'Customer Service Management'
        : 'Lumen Mobile',
  };
}

/** Lumen's people and teams once stored: who acts on cases, and where they sit. */
export class DemoStaff {
  constructor(
    private readonly scope: TenantScope,
    private readonly userIds: ReadonlyMap<StaffKey, string>,
    private readonly teamIds: ReadonlyMap<TeamKey, string>,
  ) {}

  userId(key: StaffKey): string {
    return this.userIds.get(key)!;
  }

  teamId(key: TeamKey): string {
    return this.teamIds.get(key)!;
  }

  /** How a member of staff's actions are signed on the record: their name. */
  labelOf(userId: string): string {
    return staffPlan(this.keyOf(userId)).name;
  }

  actorById(userId: string): Actor {
    return this.actor(this.keyOf(userId));
  }

  private keyOf(userId: string): StaffKey {
    for (const [key, id] of this.userIds) if (id === userId) return key;
    throw new Error(`${userId} is not one of the demo staff`);
  }

  actor(key: StaffKey): Actor {
    const plan = staffPlan(key);
    return { scope: this.scope, role: plan.role, userId: this.userId(key), label: plan.name };
  }
}

/**
 * The analyst is the last login a seed creates, so finding it tells a finished demo from one
 * whose seeding was interrupted.
 */
export const FINISHING_LOGIN: StaffKey = 'analyst';

/** Stores the supervisor, the teams they lead and the agents: everyone but the finishing login. */
export async function createDemoPeople(scope: TenantScope, adminId: string): Promise<DemoStaff> {
  const userIds = new Map<StaffKey, string>([['admin', adminId]]);
  const teamIds = new Map<TeamKey, string>();
  const store = async (plan: StaffPlan) => {
    const user = await createUser(scope, {
      email: plan.email,
      name: plan.name,
      role: plan.role,
      password: plan.password ?? undefined,
      teamId: plan.team ? teamIds.get(plan.team) : undefined,
      skills: plan.team ? DEMO_TEAMS[plan.team].skills : undefined,
      // The chain escalations climb: agent, then the supervisor, then the administrator.
      supervisorId:
        plan.role === 'agent' ? userIds.get('supervisor') : plan.role === 'supervisor' ? adminId : undefined,
    });
    userIds.set(plan.key, user.id);
  };
  // The supervisor must exist before the teams they lead, and the teams before their agents.
  await store(staffPlan('supervisor'));
  for (const [key, team] of Object.entries(DEMO_TEAMS) as [TeamKey, TeamPlan][]) {
    const created = await createTeam(scope, { ...team, leadUserId: userIds.get('supervisor')! });
    teamIds.set(key, created.id);
  }
  for (const plan of DEMO_STAFF) {
    if (!userIds.has(plan.key) && plan.key !== FINISHING_LOGIN) await store(plan);
  }
  return new DemoStaff(scope, userIds, teamIds);
}

/** Marks the demo as complete by creating its last login. */
export async function finishDemoPeople(scope: TenantScope): Promise<void> {
  const plan = staffPlan(FINISHING_LOGIN);
  await createUser(scope, {
    email: plan.email,
    name: plan.name,
    role: plan.role,
    password: plan.password ?? undefined,
  });
}
