-- Search ranks the most recent matches of a common word instead of every match in the tenant;
-- this index lets PostgreSQL walk contacts newest first when a word matches a large share of them.
CREATE INDEX contacts_recent ON contacts (tenant_id, occurred_at DESC);
