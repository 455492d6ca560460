-- Wrong passwords in a row per account, and the lockout they lead to (issue 13). Kept in the
-- store, not in a server process, so every process refuses a locked account alike. Keyed by the
-- email as typed (normalised), not the user id: an address with no account is counted and locked
-- the same way, so the answers never tell which addresses have an account.
CREATE TABLE login_failures (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  PRIMARY KEY (tenant_id, email)
);
