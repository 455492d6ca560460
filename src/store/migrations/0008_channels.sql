-- Channels: every way a customer reaches us lands as a contact on one timeline and the right case.

-- What a contact is beyond its text: public (a forum or social post anyone can read), automated
-- (an auto-reply or bounce: never opens a case, never answered), a repeat of an open case's
-- topic, and the channel's own facts (mail headers, call queue and transfer facts, chat session).
ALTER TABLE contacts ADD COLUMN public boolean NOT NULL DEFAULT false;
ALTER TABLE contacts ADD COLUMN automated text CHECK (automated IN ('auto_reply', 'bounce', 'bulk'));
ALTER TABLE contacts ADD COLUMN repeat boolean NOT NULL DEFAULT false;
ALTER TABLE contacts ADD COLUMN facts jsonb;

-- The words a case is about, so a later contact on the same topic joins it instead of opening another.
ALTER TABLE cases ADD COLUMN topic_words text[] NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN repeat_contacts integer NOT NULL DEFAULT 0;

-- The parts of one contact in order: chat messages, call transcript segments.
CREATE TABLE contact_segments (
  tenant_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  seq integer NOT NULL,
  speaker text,
  speaker_role text CHECK (speaker_role IN ('customer', 'agent', 'system')),
  at timestamptz NOT NULL,
  start_ms integer,
  end_ms integer,
  text text NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, seq),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
);

-- A channel's own ids for a conversation (mail Message-IDs in and out, a chat session, a call)
-- and the case they belong to: how a reply finds its case again.
CREATE TABLE channel_threads (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  channel text NOT NULL,
  thread_ref text NOT NULL,
  customer_id uuid NOT NULL,
  case_id uuid,
  contact_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, thread_ref),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX channel_threads_case ON channel_threads (tenant_id, case_id) WHERE case_id IS NOT NULL;

-- Files that came with a contact. One too large is listed with the reason instead of its content.
CREATE TABLE contact_attachments (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  content bytea,
  omitted_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_attachments_contact ON contact_attachments (tenant_id, contact_id);

-- What arrived but could not be understood (malformed mail, a garbage webhook): kept, never lost,
-- for a person to look at. tenant_id is null when not even the organisation could be told.
CREATE TABLE channel_quarantine (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  channel text NOT NULL,
  reason text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  raw bytea NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);
CREATE INDEX channel_quarantine_tenant ON channel_quarantine (tenant_id, received_at DESC);

-- Replies on their way out: delivered by a durable job, retried, and their fate recorded.
CREATE TABLE outbound_messages (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  case_id uuid,
  channel text NOT NULL,
  recipient text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
);
CREATE INDEX outbound_messages_case ON outbound_messages (tenant_id, case_id);

-- Per organisation: webhook signing secrets (several while rotating), how long a repeat contact
-- joins an open case, the team that receives new conversations, and the SMS gateway.
CREATE TABLE channel_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  webhook_secrets text[] NOT NULL DEFAULT '{}',
  repeat_window_minutes integer NOT NULL DEFAULT 4320 CHECK (repeat_window_minutes BETWEEN 0 AND 525600),
  intake_team_id uuid,
  sms_gateway_url text,
  sms_sender text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, intake_team_id) REFERENCES teams (tenant_id, id)
);

-- Mail addresses beyond <slug>@any-domain, unique across organisations.
CREATE TABLE tenant_mailboxes (
  address text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_mailboxes_tenant ON tenant_mailboxes (tenant_id);

-- Signatures already accepted: the same signed request twice is a replay.
CREATE TABLE webhook_receipts (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  signature text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, signature)
);
CREATE INDEX webhook_receipts_age ON webhook_receipts (received_at);

-- RSS/Atom feeds polled for public posts (a community forum, a public page).
CREATE TABLE feed_sources (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  url text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('forum', 'social')),
  poll_minutes integer NOT NULL DEFAULT 15 CHECK (poll_minutes BETWEEN 1 AND 1440),
  etag text,
  last_modified text,
  last_polled_at timestamptz,
  last_error text,
  items_seen integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, url)
);

-- A web chat: one contact whose messages grow while it lasts; the visitor's token lets them
-- come back to the same conversation.
CREATE TABLE chat_sessions (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  contact_id uuid,
  visitor_token_hash text NOT NULL UNIQUE,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz,
  ended_at timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);
CREATE INDEX chat_sessions_customer ON chat_sessions (tenant_id, customer_id);
