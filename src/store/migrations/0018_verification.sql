-- Verifying that a caller is the customer (issue 13, PRODUCT.md F1): what claims are compared
-- with, sessions with their one-time codes, durable failure counts that every server process
-- shares, record-correction tasks, and the history of corrected fields.

-- What a caller can be asked about. The PIN is kept only as a scrypt hash; the last payment in
-- minor units (pence), set by import or the API. Failures count up to the organisation's limit;
-- a locked customer is not compared with anything until an administrator unlocks them.
ALTER TABLE customers
  ADD COLUMN date_of_birth date,
  ADD COLUMN pin_hash text,
  ADD COLUMN last_payment_minor integer CHECK (last_payment_minor IS NULL OR last_payment_minor >= 0),
  ADD COLUMN verification_failures integer NOT NULL DEFAULT 0,
  ADD COLUMN verification_locked_at timestamptz;

-- The organisation's rules: lock a customer after this many failed attempts in a row, and refuse
-- a member of staff (or an API token) more failed attempts than this in an hour.
ALTER TABLE tenants
  ADD COLUMN verification_lock_after integer NOT NULL DEFAULT 5 CHECK (verification_lock_after BETWEEN 1 AND 50),
  ADD COLUMN verification_failures_per_hour integer NOT NULL DEFAULT 20 CHECK (verification_failures_per_hour BETWEEN 1 AND 1000);

-- One attempt to establish who is calling. pending_discrepancies holds what the caller said where
-- it differed from the record (to open a correction task once a code proves them); it is never
-- read by any route; a passed code moves it into the task, and the next session started for the
-- customer empties it in sessions that ended without one.
CREATE TABLE verification_sessions (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  -- The case the call is about, if any: only to show it on the case view (no key: a case may go).
  about_case_id uuid,
  asked_by_user_id uuid,
  asked_by_label text NOT NULL,
  channel text NOT NULL,
  origin text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'passed', 'failed')),
  result text CHECK (result IN ('pass', 'partial', 'fail')),
  assurance text NOT NULL DEFAULT 'none' CHECK (assurance IN ('none', 'low', 'medium')),
  claim_attempts integer NOT NULL DEFAULT 0,
  pending_discrepancies jsonb,
  code_hash text,
  code_channel text CHECK (code_channel IN ('sms', 'email')),
  code_expires_at timestamptz,
  code_tries_left integer NOT NULL DEFAULT 0,
  codes_sent integer NOT NULL DEFAULT 0,
  correction_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, asked_by_user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX verification_sessions_customer ON verification_sessions (tenant_id, customer_id, created_at DESC);

-- Each failed attempt (claims or a code), by whom: the per-person hourly limit counts these.
CREATE TABLE verification_failures (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  asked_by_label text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, session_id) REFERENCES verification_sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX verification_failures_asker ON verification_failures (tenant_id, asked_by_label, failed_at DESC);

-- What a verified caller said differs from the record, for someone allowed to correct it.
CREATE TABLE record_corrections (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  session_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'dismissed')),
  discrepancies jsonb NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_label text,
  decided_at timestamptz,
  note text,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, session_id) REFERENCES verification_sessions (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX record_corrections_open ON record_corrections (tenant_id, status, opened_at DESC);

-- The record's history: every corrected field with its old and new value. Kept apart from the
-- timeline, which analysts read, because these are personal data.
CREATE TABLE customer_record_history (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  correction_id uuid,
  changed_by uuid,
  changed_label text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, correction_id) REFERENCES record_corrections (tenant_id, id),
  FOREIGN KEY (tenant_id, changed_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX customer_record_history_customer ON customer_record_history (tenant_id, customer_id, changed_at DESC);
