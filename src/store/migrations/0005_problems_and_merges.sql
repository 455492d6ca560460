-- Problems (ITIL): the root cause behind many cases, with a known-error workaround; and
-- merging duplicate cases of one customer, recorded so that a merge can be undone.

-- Problems are numbered per tenant (P-1, P-2, ...) like cases; the tenant row lock serialises numbering.
ALTER TABLE tenants ADD COLUMN problem_seq integer NOT NULL DEFAULT 0;

CREATE TABLE problems (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  number integer NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  root_cause text,
  workaround text,
  -- known_error: a workaround is published; resolved: fixed for good, linked customers told.
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'investigating', 'known_error', 'resolved')),
  resolution text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND resolution IS NOT NULL)),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, resolved_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX problems_tenant_status ON problems (tenant_id, status, number DESC);

-- A case belongs to at most one problem.
ALTER TABLE cases ADD COLUMN problem_id uuid;
ALTER TABLE cases ADD FOREIGN KEY (tenant_id, problem_id) REFERENCES problems (tenant_id, id);
CREATE INDEX cases_problem ON cases (tenant_id, problem_id) WHERE problem_id IS NOT NULL;

-- A merged (duplicate) case is closed and points to the case that survived it.
ALTER TABLE cases ADD COLUMN merged_into_id uuid;
ALTER TABLE cases ADD FOREIGN KEY (tenant_id, merged_into_id) REFERENCES cases (tenant_id, id);
ALTER TABLE cases ADD CHECK (merged_into_id IS NULL OR (merged_into_id <> id AND status = 'closed'));
CREATE INDEX cases_merged_into ON cases (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

-- One row per merge: what the merged case was before (to restore it), and whether the
-- surviving case took over its problem link. undone_at is set when the merge is reversed.
CREATE TABLE case_merges (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  merged_case_id uuid NOT NULL,
  surviving_case_id uuid NOT NULL,
  reason text,
  merged_status text NOT NULL CHECK (merged_status IN ('new', 'open', 'pending', 'solved')),
  merged_solved_at timestamptz,
  carried_problem_id uuid,
  surviving_reopened boolean NOT NULL DEFAULT false,
  merged_by uuid,
  merged_at timestamptz NOT NULL,
  undone_by uuid,
  undone_at timestamptz,
  CHECK (merged_case_id <> surviving_case_id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, surviving_case_id) REFERENCES cases (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, carried_problem_id) REFERENCES problems (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, undone_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX case_merges_one_in_force ON case_merges (tenant_id, merged_case_id) WHERE undone_at IS NULL;
CREATE INDEX case_merges_surviving ON case_merges (tenant_id, surviving_case_id);

-- Exactly which rows moved from the merged case to the surviving one (contacts, case events,
-- transfers, escalations, callbacks, and SLA records once they exist), so that undoing the
-- merge moves back those and only those. record_table names a table with (tenant_id, id, case_id).
CREATE TABLE case_merge_moves (
  tenant_id uuid NOT NULL,
  merge_id uuid NOT NULL,
  record_table text NOT NULL,
  record_id uuid NOT NULL,
  PRIMARY KEY (merge_id, record_table, record_id),
  FOREIGN KEY (tenant_id, merge_id) REFERENCES case_merges (tenant_id, id) ON DELETE CASCADE
);
