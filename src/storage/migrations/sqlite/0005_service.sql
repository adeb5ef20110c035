-- The service desk: SLA policies, cases with their messages, attachments and escalations,
-- staff away periods and the service team (case routing), in-app notifications, the
-- customer-experience policy and its acknowledgements, stored report digests.

ALTER TABLE users ADD COLUMN service_team INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN away_from TEXT;
ALTER TABLE users ADD COLUMN away_until TEXT;

CREATE TABLE sla_policies (
  seq INTEGER PRIMARY KEY,
  id                      TEXT NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  priority                TEXT NOT NULL,
  kind                    TEXT,                 -- NULL: every kind of that priority
  first_response_minutes  INTEGER NOT NULL,
  resolution_minutes      INTEGER NOT NULL,
  business_hours          TEXT NOT NULL,        -- JSON {"tz", "week"}
  holidays                TEXT NOT NULL,        -- JSON ["YYYY-MM-DD", …]
  archived_at             TEXT,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  version                 INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sla_policies_match ON sla_policies (priority, kind);

CREATE TABLE cases (
  seq INTEGER PRIMARY KEY,                      -- also the case number people quote
  id                        TEXT NOT NULL UNIQUE,
  contact_id                TEXT NOT NULL REFERENCES contacts(id),
  subject                   TEXT NOT NULL,
  description               TEXT,
  kind                      TEXT NOT NULL,
  priority                  TEXT NOT NULL,
  status                    TEXT NOT NULL,
  channel                   TEXT NOT NULL,
  owner_id                  TEXT REFERENCES users(id),
  assignment_rule           TEXT NOT NULL,
  assignment_reason         TEXT NOT NULL,
  assigned_at               TEXT,
  sla_policy_id             TEXT,
  opened_at                 TEXT NOT NULL,
  first_response_due_at     TEXT,
  first_response_warn_at    TEXT,
  resolution_due_at         TEXT,
  resolution_warn_at        TEXT,
  next_due_at               TEXT,                 -- the nearest running clock's due time
  first_responded_at        TEXT,
  first_response_minutes    INTEGER,              -- business minutes it took
  resolved_at               TEXT,
  resolution_minutes        INTEGER,
  closed_at                 TEXT,
  sla_state                 TEXT NOT NULL,
  sla_paused_at             TEXT,                 -- clocks stopped (pending, resolved, closed)
  sla_paused_minutes        INTEGER NOT NULL DEFAULT 0,
  first_response_breached   INTEGER NOT NULL DEFAULT 0,
  resolution_breached       INTEGER NOT NULL DEFAULT 0,
  escalation_level          TEXT,                 -- NULL, warning, breach
  email_thread_id           TEXT,                 -- Message-ID of the conversation's first email
  created_by                TEXT,
  archived_at               TEXT,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  version                   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_contact ON cases (contact_id, seq);
CREATE INDEX cases_owner_assigned ON cases (owner_id, assigned_at);  -- round-robin: whose last case is oldest
-- The queues list open cases by due time; closed cases (most of them) stay out of these.
CREATE INDEX cases_open_due ON cases (next_due_at, status, opened_at, owner_id)
  WHERE status IN ('new', 'open', 'pending') AND archived_at IS NULL;  -- also the backlog, from the index alone
CREATE INDEX cases_open_owner_due ON cases (owner_id, next_due_at, status, opened_at)
  WHERE status IN ('new', 'open', 'pending') AND archived_at IS NULL;
-- The service report reads a period's cases from these alone (covering indexes).
CREATE INDEX cases_opened ON cases (opened_at, kind, channel, priority, owner_id, sla_policy_id,
                                    first_response_breached, resolution_breached, resolved_at, archived_at);
CREATE INDEX cases_first_responded ON cases (first_responded_at, first_response_minutes, archived_at);
CREATE INDEX cases_resolved ON cases (resolved_at, resolution_minutes, archived_at);
CREATE INDEX cases_complaints ON cases (kind, opened_at, contact_id, archived_at);
-- The newest change: the service report cache is current while it stays the same.
CREATE INDEX cases_updated ON cases (updated_at);
CREATE INDEX cases_thread ON cases (email_thread_id);

CREATE TABLE case_messages (
  seq INTEGER PRIMARY KEY,
  id                TEXT NOT NULL UNIQUE,
  case_id           TEXT NOT NULL REFERENCES cases(id),
  body              TEXT NOT NULL,
  public            INTEGER NOT NULL,
  direction         TEXT NOT NULL,              -- outbound (staff), inbound (customer)
  author_id         TEXT,                       -- staff user, for outbound
  from_address      TEXT,                       -- sender email, for inbound mail
  email_message_id  TEXT UNIQUE,                -- Message-ID of the email it came as or went as
  created_at        TEXT NOT NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id, seq);

CREATE TABLE case_attachments (
  seq INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  case_id       TEXT NOT NULL REFERENCES cases(id),
  message_id    TEXT,
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  content       TEXT NOT NULL,                  -- base64: portable across both dialects
  uploaded_by   TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, seq);

-- What happened to a case besides messages: assignment, status, escalation, sales lead.
CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  case_id     TEXT NOT NULL REFERENCES cases(id),
  kind        TEXT NOT NULL,
  at          TEXT NOT NULL,
  user_id     TEXT,
  detail      TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  user_id     TEXT NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  ref_type    TEXT,
  ref_id      TEXT,
  read_at     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, seq);

CREATE TABLE cx_policies (
  seq INTEGER PRIMARY KEY,                      -- the policy's version number
  id            TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  sla_targets   TEXT NOT NULL,                  -- JSON: what the policy promises
  published_by  TEXT NOT NULL,
  published_at  TEXT NOT NULL
);

CREATE TABLE cx_acknowledgements (
  policy_id        TEXT NOT NULL REFERENCES cx_policies(id),
  user_id          TEXT NOT NULL REFERENCES users(id),
  acknowledged_at  TEXT NOT NULL,
  PRIMARY KEY (policy_id, user_id)
);

CREATE TABLE report_digests (
  seq INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  data          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (kind, period_start)
);

-- A counter per kind of data, bumped in every transaction that changes it: figures
-- computed from that data (the service report, later analytics) are current while it
-- stays the same, whatever the clocks of the servers that wrote it.
CREATE TABLE data_versions (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('cases', 0);
