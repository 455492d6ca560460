-- Partner cases (F9): a case shared with a partner organisation — another tenant of this
-- Hearken, or an outside party holding a link — with one thread both sides read, a count of
-- hand-offs between the two organisations, and a "waiting on partner" deadline.

-- One share of one case with one partner. tenant_id is the sharing tenant: the share, its
-- thread and its timer belong to the organisation whose case it is. What the partner sees of
-- the case (subject, reference, the customer details the sharer chose to disclose) is copied
-- here, so a partner never reads the sharing tenant's case or customer rows.
CREATE TABLE case_shares (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  subject text NOT NULL,
  reference text NOT NULL,
  customer_disclosed jsonb NOT NULL DEFAULT '{}',
  partner_kind text NOT NULL CHECK (partner_kind IN ('tenant', 'outside')),
  partner_tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  partner_name text NOT NULL,
  partner_email text,
  -- Outside parties only: the SHA-256 of the link token (the token itself is shown once).
  link_token_hash text UNIQUE,
  status text NOT NULL CHECK (status IN ('invited', 'active', 'ended')),
  -- Which organisation must act next; moving it to the other one is a hand-off.
  ball_with text NOT NULL CHECK (ball_with IN ('sharer', 'partner')),
  handoffs integer NOT NULL DEFAULT 0 CHECK (handoffs >= 0),
  waiting_since timestamptz,
  response_due_at timestamptz,
  -- Set when response_due_at passed unanswered (flagged once); cleared with a new deadline.
  overdue_at timestamptz,
  -- The partner tenant's own case, created when it accepts; it lives in the partner's tenant.
  partner_case_id uuid,
  shared_by uuid,
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('sharer', 'partner')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((partner_kind = 'tenant') = (partner_tenant_id IS NOT NULL)),
  CHECK ((partner_kind = 'outside') = (link_token_hash IS NOT NULL AND partner_email IS NOT NULL)),
  CHECK (partner_tenant_id IS NULL OR partner_tenant_id <> tenant_id),
  CHECK ((ball_with = 'partner' AND status <> 'ended') = (response_due_at IS NOT NULL)),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, shared_by) REFERENCES users (tenant_id, id),
  -- The mirror case can only be a case of the partner tenant.
  FOREIGN KEY (partner_tenant_id, partner_case_id) REFERENCES cases (tenant_id, id)
);
CREATE INDEX case_shares_case ON case_shares (tenant_id, case_id, created_at);
CREATE INDEX case_shares_partner ON case_shares (partner_tenant_id, created_at DESC) WHERE partner_tenant_id IS NOT NULL;
CREATE INDEX case_shares_partner_case ON case_shares (partner_tenant_id, partner_case_id) WHERE partner_case_id IS NOT NULL;
-- A case is shared at most once at a time with the same partner.
CREATE UNIQUE INDEX case_shares_one_per_tenant ON case_shares (tenant_id, case_id, partner_tenant_id)
  WHERE status <> 'ended' AND partner_tenant_id IS NOT NULL;
CREATE UNIQUE INDEX case_shares_one_per_email ON case_shares (tenant_id, case_id, lower(partner_email))
  WHERE status <> 'ended' AND partner_email IS NOT NULL;

-- The one thread both sides see. seq orders it: posts are serialised by the share's row lock.
CREATE TABLE share_messages (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL,
  share_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  side text NOT NULL CHECK (side IN ('sharer', 'partner')),
  author text NOT NULL,
  text text NOT NULL,
  hand_off boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, share_id) REFERENCES case_shares (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX share_messages_thread ON share_messages (tenant_id, share_id, seq);
