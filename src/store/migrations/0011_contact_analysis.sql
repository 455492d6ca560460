-- Listening to every contact (issue 5). Every contact is queued for analysis by the database
-- itself, whatever path stored it (API, import, a channel, the demo seed): nothing can forget to.
-- A worker takes a batch with FOR UPDATE SKIP LOCKED, stores the analyses and deletes the queue
-- rows in the same transaction, so a crashed worker's batch returns to the queue whole.
CREATE TABLE contact_analysis_queue (
  contact_id uuid PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  queued_at timestamptz NOT NULL DEFAULT now(),
  -- Live work (a chat, a text message) goes before a re-analysis of history.
  priority smallint NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL DEFAULT now(),
  last_error text
);
CREATE INDEX contact_analysis_queue_next ON contact_analysis_queue (priority DESC, queued_at);

CREATE FUNCTION queue_contact_analysis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_analysis_queue (contact_id, tenant_id, priority)
  VALUES (NEW.id, NEW.tenant_id, CASE WHEN NEW.channel IN ('chat', 'sms') THEN 1 ELSE 0 END)
  ON CONFLICT (contact_id) DO UPDATE SET queued_at = now(), attempts = 0, not_before = now(), last_error = NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER contacts_queue_analysis AFTER INSERT ON contacts
  FOR EACH ROW EXECUTE FUNCTION queue_contact_analysis();
-- A chat or a call transcript grows after the contact is stored: its text is analysed again.
CREATE TRIGGER contacts_requeue_analysis AFTER UPDATE OF body ON contacts
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION queue_contact_analysis();

-- A contact's analysis by one model version. The text hash tells a re-queued contact whose text
-- did not change (nothing to do) from one whose conversation grew (analysed again).
CREATE TABLE contact_analyses (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  model_version text NOT NULL,
  text_hash text NOT NULL,
  analysed_at timestamptz NOT NULL DEFAULT now(),
  sentiment text NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive')),
  sentiment_score real NOT NULL,
  cues jsonb NOT NULL DEFAULT '[]',
  cue_kinds text[] NOT NULL DEFAULT '{}',
  topic text,
  topic_confidence real,
  insight_score real NOT NULL DEFAULT 0,
  insight_reasons text[] NOT NULL DEFAULT '{}',
  -- The analyst copy; the original stays in contacts.body for the roles that may read it.
  redacted_text text NOT NULL,
  -- Which kinds of personal data were found and where (never the values).
  personal_data jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (contact_id, model_version)
);
CREATE INDEX contact_analyses_insight ON contact_analyses (tenant_id, model_version, insight_score DESC);
CREATE INDEX contact_analyses_topic ON contact_analyses (tenant_id, topic);
CREATE INDEX contact_analyses_cues ON contact_analyses USING gin (cue_kinds);

-- Trainable topic classifiers, versioned per organisation; one is active at a time.
CREATE TABLE analysis_models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  version integer NOT NULL,
  labels text[] NOT NULL,
  example_count integer NOT NULL,
  metrics jsonb NOT NULL DEFAULT '{}',
  model text NOT NULL,
  active boolean NOT NULL DEFAULT false,
  trained_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name, version)
);
CREATE UNIQUE INDEX analysis_models_one_active ON analysis_models (tenant_id) WHERE active;

-- What experts said about a contact on review: kept for training and for auditing the analysis.
CREATE TABLE analysis_labels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  reviewer_id uuid NOT NULL,
  topic text,
  -- Null where the expert did not judge that part (an empty cues list says "no cues").
  sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
  cues text[],
  note text,
  -- What the analysis said when the expert looked: the audit compares the two.
  model_version text,
  analysis_snapshot jsonb,
  labelled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_labels_contact ON analysis_labels (tenant_id, contact_id, labelled_at DESC);

-- A live conversation raises each alert once: several processes hearing the same message agree.
CREATE TABLE live_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  case_id uuid,
  customer_id uuid NOT NULL,
  reason text NOT NULL,
  cues text[] NOT NULL DEFAULT '{}',
  sentiment_score real NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contact_id, reason)
);
CREATE INDEX live_alerts_recent ON live_alerts (tenant_id, raised_at DESC);
