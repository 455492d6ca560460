import { accountableFor, type Organisation } from '../cases/ownership.ts';

export type IntakeQueue = { ownerId: string | null; teamId: string | null };

/**
 * Who answers for a case a channel opens, when no person opened it: the organisation's intake
 * team, else the first team whose lead can answer for a queue, else the administrator, so that
 * no conversation ever waits in a queue nobody is accountable for.
 */
export function chooseIntakeQueue(
  org: Organisation,
  configuredTeamId: string | null,
  administratorId: string | null,
): IntakeQueue | null {
  const accountable = (teamId: string) => accountableFor({ status: 'new', ownerId: null, teamId }, org) !== null;
  if (configuredTeamId && org.teams.has(configuredTeamId) && accountable(configuredTeamId))
    return { ownerId: null, teamId: configuredTeamId };
  const team = [...org.teams.keys()].sort().find(accountable);
  if (team) return { ownerId: null, teamId: team };
  if (administratorId && org.users.get(administratorId)?.active) return { ownerId: administratorId, teamId: null };
  return null;
}
