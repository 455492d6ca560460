-- The admin console: the organisation's own time zone, and one-time links that let a person
-- set their password (an invitation to a new person, or a reset an administrator issued).

ALTER TABLE tenants ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

CREATE TABLE password_links (
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX password_links_user ON password_links (tenant_id, user_id);

CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, created_at DESC);
