-- Work a customer is waiting for (a reply on its way out) goes before overdue timers: after an
-- outage the backlog of timers must not hold up the answers agents are sending now.
ALTER TABLE jobs ADD COLUMN priority smallint NOT NULL DEFAULT 0;
DROP INDEX jobs_due;
CREATE INDEX jobs_due ON jobs (priority DESC, run_at) WHERE status = 'pending';
