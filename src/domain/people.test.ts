import { expect, it } from 'vitest';
import { wouldCreateSupervisorLoop } from './people.ts';

const chain: Record<string, string | null> = { agent: 'lead', lead: 'manager', manager: null };
const supervisorOf = (id: string) => chain[id] ?? null;

it('refuses a supervisor chain that loops back on itself', () => {
  expect(wouldCreateSupervisorLoop('manager', 'agent', supervisorOf)).toBe(true);
  expect(wouldCreateSupervisorLoop('agent', 'agent', supervisorOf)).toBe(true);
  expect(wouldCreateSupervisorLoop('newbie', 'agent', supervisorOf)).toBe(false);
  expect(wouldCreateSupervisorLoop('agent', null, supervisorOf)).toBe(false);
});
