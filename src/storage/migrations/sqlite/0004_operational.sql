-- Operational CRM: settings, durable jobs, the timeline, interactions (with per-contact
-- activity figures for the early-warning rules), tasks and relationship-phase history.
-- Times are RFC 3339 UTC text (text order is time order); *_s columns are Unix seconds
-- where rules need arithmetic.

-- One row per setting; value is a JSON document validated by the module that owns it.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT
);

-- The durable job queue (transactional outbox). A row is written in the transaction of
-- the change that needs it; runners claim due rows, and a claim is a lease: a runner that
-- dies leaves the row to be claimed again when locked_until passes.
CREATE TABLE jobs (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL DEFAULT '{}',
  status        TEXT NOT NULL,            -- queued, running, done, failed
  run_at        TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 8,
  locked_by     TEXT,
  locked_until  TEXT,
  last_error    TEXT,
  unique_key    TEXT UNIQUE,              -- at most one job per key (e.g. a daily run)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_kind ON jobs (kind, created_at);

-- Everything that happened with a contact, newest first; modules append their own kinds.
CREATE TABLE timeline_events (
  seq INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  contact_id  TEXT NOT NULL REFERENCES contacts(id),
  kind        TEXT NOT NULL,
  at          TEXT NOT NULL,
  ref_id      TEXT NOT NULL,
  summary     TEXT NOT NULL,
  user_id     TEXT,
  data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX timeline_contact ON timeline_events (contact_id, at, seq);
CREATE INDEX timeline_ref ON timeline_events (ref_id);

CREATE TABLE interactions (
  seq INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  contact_id      TEXT NOT NULL REFERENCES contacts(id),
  user_id         TEXT REFERENCES users(id),
  channel         TEXT NOT NULL,
  direction       TEXT NOT NULL,
  occurred_at     TEXT NOT NULL,
  subject         TEXT,
  notes           TEXT,
  outcome         TEXT,
  sentiment       INTEGER,
  override_reason TEXT,
  task_id         TEXT,
  archived_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX interactions_contact ON interactions (contact_id, occurred_at);
CREATE INDEX interactions_user ON interactions (user_id, occurred_at);
CREATE INDEX interactions_occurred ON interactions (occurred_at);

-- Per contact: first and last interaction and how many (the early-warning "usual rhythm").
CREATE TABLE contact_activity (
  contact_id      TEXT PRIMARY KEY REFERENCES contacts(id),
  interactions    INTEGER NOT NULL,
  first_at_s      BIGINT NOT NULL,
  last_at_s       BIGINT NOT NULL
);
CREATE INDEX contact_activity_last ON contact_activity (last_at_s);

CREATE TABLE tasks (
  seq INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  kind            TEXT NOT NULL,
  due_at          TEXT,
  assignee_id     TEXT NOT NULL REFERENCES users(id),
  contact_id      TEXT REFERENCES contacts(id),
  status          TEXT NOT NULL,
  notes           TEXT,
  completed_at    TEXT,
  interaction_id  TEXT,
  source          TEXT,
  source_key      TEXT UNIQUE,            -- follow-ups made by jobs: never twice
  created_by      TEXT,
  archived_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_at);
CREATE INDEX tasks_contact ON tasks (contact_id, seq);
CREATE INDEX tasks_due ON tasks (status, due_at);

CREATE TABLE phase_history (
  seq INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  contact_id  TEXT NOT NULL REFERENCES contacts(id),
  from_phase  TEXT,
  to_phase    TEXT NOT NULL,
  at          TEXT NOT NULL,
  user_id     TEXT,
  reason      TEXT
);
CREATE INDEX phase_history_contact ON phase_history (contact_id, seq);

-- Birthdays and anniversaries by month-day, for the daily follow-up job.
CREATE INDEX contacts_birthday_md ON contacts (substr(birthday, 6, 5));
CREATE INDEX contacts_since_md ON contacts (substr(customer_since, 6, 5));
