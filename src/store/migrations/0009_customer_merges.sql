-- Customers who turn out to be one person: merging one into the other, recorded so that the
-- merge can be undone exactly; pairs an agent said are two people; customer-level events on the
-- timeline; and indexes to look up likely duplicates cheaply in large organisations.

-- A merged customer keeps its row (without identities, contacts or cases) and points at the
-- customer that survived it, so that old links still lead to the person.
ALTER TABLE customers ADD COLUMN merged_into_id uuid;
ALTER TABLE customers ADD FOREIGN KEY (tenant_id, merged_into_id) REFERENCES customers (tenant_id, id);
ALTER TABLE customers ADD CHECK (merged_into_id IS NULL OR merged_into_id <> id);
CREATE INDEX customers_merged_into ON customers (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

-- One row per merge. filled_fields names the survivor's empty profile fields (name, region,
-- address) that took the merged customer's values; moved and restored count records by table.
CREATE TABLE customer_merges (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  surviving_customer_id uuid NOT NULL,
  merged_customer_id uuid NOT NULL,
  filled_fields text[] NOT NULL DEFAULT '{}',
  moved jsonb NOT NULL DEFAULT '{}',
  merged_by uuid,
  merged_at timestamptz NOT NULL,
  undone_by uuid,
  undone_at timestamptz,
  restored jsonb,
  CHECK (merged_customer_id <> surviving_customer_id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, surviving_customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, merged_customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, merged_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, undone_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX customer_merges_one_in_force ON customer_merges (tenant_id, merged_customer_id) WHERE undone_at IS NULL;
CREATE INDEX customer_merges_surviving ON customer_merges (tenant_id, surviving_customer_id, merged_at DESC);

-- Exactly which rows the merge moved from the merged customer to the survivor, so that undoing
-- it moves back those and only those. record_table names a table with (tenant_id, customer_id)
-- listed in CUSTOMER_RECORD_TABLES (store/repositories/customer-merges.ts); record_key holds the
-- row's key columns as text: {id} for most, {kind, value} for identities.
CREATE TABLE customer_merge_moves (
  tenant_id uuid NOT NULL,
  merge_id uuid NOT NULL,
  record_table text NOT NULL,
  record_key text[] NOT NULL,
  PRIMARY KEY (merge_id, record_table, record_key),
  FOREIGN KEY (tenant_id, merge_id) REFERENCES customer_merges (tenant_id, id) ON DELETE CASCADE
);

-- "Not the same person": a pair never suggested again. customer_a is the smaller id.
CREATE TABLE customer_duplicate_dismissals (
  tenant_id uuid NOT NULL,
  customer_a uuid NOT NULL,
  customer_b uuid NOT NULL,
  reason text NOT NULL DEFAULT 'dismissed' CHECK (reason IN ('dismissed', 'merge_undone')),
  dismissed_by uuid,
  dismissed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_a, customer_b),
  CHECK (customer_a < customer_b),
  FOREIGN KEY (tenant_id, customer_a) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_b) REFERENCES customers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, dismissed_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX customer_duplicate_dismissals_b ON customer_duplicate_dismissals (tenant_id, customer_b);

-- Things that happen to a customer rather than to a case (merges and their undoing), shown on
-- the customer's timeline beside contacts and case events.
CREATE TABLE customer_events (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  kind text NOT NULL,
  actor_user_id uuid,
  actor_label text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL DEFAULT '{}',
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_events_customer_timeline ON customer_events (tenant_id, customer_id, occurred_at DESC, id DESC);

-- Likely duplicates are looked up by the postcode of their address (letters and digits only),
-- by the last seven digits of a phone number (every spelling of
-- a number shares them: +447700900123, 07700900123) and by the mailbox of an email address
-- without its +tag (jane.doe@work.example, jane.doe+shop@gmail.example). The expressions must
-- stay exactly as written in store/repositories/customer-duplicates.ts for the indexes to be used.
CREATE INDEX customer_identities_phone_key ON customer_identities (tenant_id, right(value, 7)) WHERE kind = 'phone';
CREATE INDEX customer_identities_mailbox ON customer_identities (tenant_id, regexp_replace(split_part(value, '@', 1), '[+].*$', '')) WHERE kind = 'email';
CREATE INDEX customers_postcode ON customers (tenant_id, regexp_replace(upper(address ->> 'postcode'), '[^A-Z0-9]', '', 'g')) WHERE address IS NOT NULL;
