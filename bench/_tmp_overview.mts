import { openDatabase } from '../src/store/database.ts';
import { scopeTo } from '../src/store/tenant-scope.ts';
import { countOverviewTotals, listPendingEscalations, listSlaAlerts, listTeamLoads } from '../src/store/repositories/supervisor-overview.ts';
import { listTeams } from '../src/store/repositories/people.ts';
import { teamQueues } from '../src/services/cases/team-queue.ts';
import { sql } from 'drizzle-orm';
const d = await openDatabase({ dataDir: '/tmp/copy-screens' });
const t = (await d.db.execute(sql`select id from tenants limit 1`)) as any;
const scope = scopeTo(d.db, t.rows[0].id);
const now = new Date();
for (let round = 0; round < 3; round++) {
  const time = async (name: string, f: () => Promise<unknown>) => { const s = performance.now(); await f(); console.log(name.padEnd(14), (performance.now() - s).toFixed(1)); };
  await time('totals', () => countOverviewTotals(scope, now));
  await time('escalations', () => listPendingEscalations(scope, 500));
  await time('slaAlerts', () => listSlaAlerts(scope, now, 100));
  let teams: any[] = [];
  await time('teams', async () => (teams = await listTeams(scope)));
  await time('loads', () => listTeamLoads(scope));
  await time(`teamQueue×${teams.length}`, async () => { await teamQueues(scope, teams.map((t) => t.id)); });
  console.log('--');
}
await d.close();
