-- SLA policies on business-hours calendars, and the SLA clocks of each case.
-- The rules (business-time arithmetic, pauses, cycles) are in src/domain/sla; warning and breach
-- timers are rows in jobs, keyed per case and metric.

CREATE TABLE business_calendars (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- IANA name, e.g. Europe/London: opening hours and holidays are local to it.
  timezone text NOT NULL,
  -- {"mon": [["09:00", "12:30"], ["13:30", "17:30"]], ...}; a weekday left out is closed.
  weekly_hours jsonb NOT NULL,
  -- Whole local days closed.
  holidays date[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- A tenant's SLA for one priority; a priority without a row gets the defaults in
-- src/domain/sla/sla-policy.ts (24/7). Targets are business minutes on the calendar (24/7 when null).
CREATE TABLE sla_policies (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
  next_update_minutes integer NOT NULL CHECK (next_update_minutes > 0),
  resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
  calendar_id uuid,
  warn_before_minutes integer CHECK (warn_before_minutes >= 0),
  warn_at_percent integer CHECK (warn_at_percent BETWEEN 1 AND 99),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, priority),
  CHECK (num_nonnulls(warn_before_minutes, warn_at_percent) = 1),
  FOREIGN KEY (tenant_id, calendar_id) REFERENCES business_calendars (tenant_id, id)
);
CREATE INDEX sla_policies_calendar ON sla_policies (tenant_id, calendar_id) WHERE calendar_id IS NOT NULL;

-- The current cycle of each SLA clock of a case, as last tracked. Past cycles live on as
-- sla_warning / sla_breached case events.
CREATE TABLE case_sla_clocks (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  metric text NOT NULL CHECK (metric IN ('first_response', 'next_update', 'resolution')),
  target_minutes integer NOT NULL,
  cycle_started_at timestamptz NOT NULL,
  -- Null while the clock is paused (waiting on the customer) short of its target.
  due_at timestamptz,
  warn_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  satisfied_at timestamptz,
  paused boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, case_id, metric),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE
);
-- "What breaches next": running clocks by deadline.
CREATE INDEX case_sla_clocks_due ON case_sla_clocks (tenant_id, due_at) WHERE satisfied_at IS NULL AND due_at IS NOT NULL;
