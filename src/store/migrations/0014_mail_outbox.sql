-- Where an outgoing message went: out through the SMTP relay, or into the local mail catcher
-- (the demo's, so that its mail can be read in the outbox instead of failing for want of a relay).
ALTER TABLE outbound_messages ADD COLUMN delivered_to text CHECK (delivered_to IN ('relay', 'catcher'));

-- The outbox lists an organisation's mail newest first, a page at a time.
CREATE INDEX outbound_messages_outbox ON outbound_messages (tenant_id, channel, created_at DESC, id DESC);
