import { describe, expect, it } from 'vitest';
import type { Organisation } from '../cases/ownership.ts';
import { chooseIntakeQueue } from './intake-routing.ts';

const org = (teams: [string, string | null][], inactive: string[] = []): Organisation => ({
  users: new Map(
    ['lead-a', 'lead-b', 'admin'].map((id) => [
      id,
      { active: !inactive.includes(id), teamId: null, supervisorId: null, staff: true },
    ]),
  ),
  teams: new Map(teams.map(([id, leadUserId]) => [id, { leadUserId }])),
});

describe('chooseIntakeQueue', () => {
  it('sends new conversations to the configured intake team', () => {
    expect(
      chooseIntakeQueue(
        org([
          ['a', 'lead-a'],
          ['b', 'lead-b'],
        ]),
        'b',
        'admin',
      ),
    ).toEqual({ ownerId: null, teamId: 'b' });
  });

  it('passes over a configured team whose lead has left, to a team someone answers for', () => {
    expect(
      chooseIntakeQueue(
        org(
          [
            ['a', 'lead-a'],
            ['b', 'lead-b'],
          ],
          ['lead-b'],
        ),
        'b',
        'admin',
      ),
    ).toEqual({ ownerId: null, teamId: 'a' });
  });

  it('gives the case to the administrator when no team has a lead', () => {
    expect(chooseIntakeQueue(org([['a', null]]), null, 'admin')).toEqual({ ownerId: 'admin', teamId: null });
  });

  it('finds nobody when there is no team lead and no active administrator', () => {
    expect(chooseIntakeQueue(org([], ['admin']), null, 'admin')).toBeNull();
  });
});
