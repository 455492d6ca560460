-- Cases owned until solved: supervisor chains, warm transfers, escalations, callbacks,
-- and each tenant's case policy (offer and escalation timeouts, effort thresholds).

ALTER TABLE users ADD COLUMN supervisor_id uuid;
ALTER TABLE users ADD FOREIGN KEY (tenant_id, supervisor_id) REFERENCES users (tenant_id, id);
ALTER TABLE users ADD COLUMN skills text[] NOT NULL DEFAULT '{}';

-- Overrides of the defaults in src/domain/cases/case-policy.ts.
ALTER TABLE tenants ADD COLUMN case_policy jsonb NOT NULL DEFAULT '{}';

-- Set when an escalation is waiting or accepted; cleared when the case is handed back or closed.
ALTER TABLE cases ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN solved_at timestamptz;
ALTER TABLE cases ADD COLUMN closed_at timestamptz;

CREATE TABLE case_transfers (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  from_user_id uuid,
  from_team_id uuid,
  to_user_id uuid,
  to_team_id uuid,
  note text NOT NULL,
  status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')),
  offered_by uuid,
  offered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid,
  decline_reason text,
  CHECK ((to_user_id IS NULL) <> (to_team_id IS NULL)),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, to_user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, to_team_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX case_transfers_one_offer ON case_transfers (tenant_id, case_id) WHERE status = 'offered';
CREATE INDEX case_transfers_case ON case_transfers (tenant_id, case_id, offered_at);
CREATE INDEX case_transfers_receiver ON case_transfers (tenant_id, to_user_id) WHERE status = 'offered';

CREATE TABLE case_escalations (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hierarchical', 'functional')),
  level integer NOT NULL,
  reason text NOT NULL,
  target_user_id uuid,
  target_team_id uuid,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'handed_back', 'climbed', 'withdrawn')),
  raised_by uuid,
  raised_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid,
  hand_back_reason text,
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, target_user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, target_team_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX case_escalations_one_pending ON case_escalations (tenant_id, case_id) WHERE status = 'pending';
CREATE INDEX case_escalations_case ON case_escalations (tenant_id, case_id, raised_at);
CREATE INDEX case_escalations_target ON case_escalations (tenant_id, target_user_id) WHERE status = 'pending';

CREATE TABLE callbacks (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  phone text,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'completed', 'missed', 'cancelled')),
  booked_by uuid,
  booked_at timestamptz NOT NULL,
  completed_at timestamptz,
  completed_by uuid,
  outcome text,
  CHECK (window_end > window_start),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX callbacks_case ON callbacks (tenant_id, case_id);
CREATE INDEX callbacks_due ON callbacks (tenant_id, window_start) WHERE status = 'booked';
