-- The worker takes due work in turns by kind (src/jobs/worker.ts): urgent work first, then one
-- job of each kind that has something due, oldest first within the kind. Two indexes match the
-- two statements it runs, so neither reads more than the rows it returns, however many timers
-- are pending:
-- * each kind's pending jobs in due order: "does this kind have anything due?" stops at the
--   first entry, and claiming the kind's oldest due job reads one entry (plus any it skips);
-- * urgent work (priority above 0, a reply a customer is waiting for) on its own, so looking
--   for it reads only urgent jobs;
-- * and all pending jobs by due time, for the one lookup an idle poll makes: is anything due?
DROP INDEX IF EXISTS jobs_due;
CREATE INDEX jobs_due_at ON jobs (run_at) WHERE status = 'pending';
CREATE INDEX jobs_due_by_kind ON jobs (kind, run_at, id) WHERE status = 'pending';
CREATE INDEX jobs_due_urgent ON jobs (priority DESC, run_at, id) WHERE status = 'pending' AND priority > 0;
