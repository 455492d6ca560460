-- Durable background work: timers (SLA, transfer offers, escalations, callbacks) and tasks.
-- A job is claimed with FOR UPDATE SKIP LOCKED inside the transaction that runs it and marks it
-- done, so its database effects happen exactly once however many processes poll.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  -- One pending job per key: scheduling the same key again moves the timer instead of adding one.
  key text,
  payload jsonb NOT NULL DEFAULT '{}',
  run_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX jobs_pending_key ON jobs (key) WHERE status = 'pending' AND key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending';
