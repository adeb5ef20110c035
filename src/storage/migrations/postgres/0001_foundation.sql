-- Foundation: staff users and their sessions, login throttling, idempotency keys,
-- companies, contacts (with an FTS5 trigram index over their folded search text) and the
-- audit log. Times are RFC 3339 UTC text; booleans are 0/1.
-- Search uses pg_trgm GIN indexes over the folded `search` columns.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  user_id      TEXT NOT NULL REFERENCES users(id),
  kind         TEXT NOT NULL CHECK (kind IN ('session', 'api')),
  name         TEXT,
  csrf_token   TEXT,
  created_at   TEXT NOT NULL,
  expires_at   TEXT,
  last_used_at TEXT
);
CREATE INDEX sessions_user ON sessions (user_id, kind);

CREATE TABLE login_failures (
  email_key     TEXT PRIMARY KEY,
  failures      INTEGER NOT NULL,
  first_at      TEXT NOT NULL,
  locked_until  TEXT
);

CREATE TABLE idempotency_keys (
  user_id       TEXT NOT NULL,
  idem_key      TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER,
  response_body TEXT,
  location      TEXT,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE companies (
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  domain      TEXT,
  industry    TEXT,
  owner_id    TEXT REFERENCES users(id),
  phone       TEXT,
  address     TEXT,
  search      TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX companies_created ON companies (created_at, id);
CREATE INDEX companies_updated ON companies (updated_at, id);
CREATE INDEX companies_name ON companies (name_key, id);
CREATE INDEX companies_owner ON companies (owner_id, created_at, id);
CREATE INDEX companies_domain ON companies (domain);

CREATE INDEX companies_search ON companies USING gin (search gin_trgm_ops);

CREATE TABLE contacts (
  id                TEXT NOT NULL UNIQUE,
  first_name        TEXT,
  last_name         TEXT,
  email             TEXT,
  email_key         TEXT,
  phone             TEXT,
  company_id        TEXT REFERENCES companies(id),
  job_title         TEXT,
  kind              TEXT NOT NULL,
  owner_id          TEXT REFERENCES users(id),
  phase             TEXT NOT NULL,
  relationship_type TEXT,
  birthday          TEXT,
  customer_since    TEXT,
  tags              TEXT NOT NULL DEFAULT '[]',
  search            TEXT NOT NULL,
  name_key          TEXT NOT NULL,
  archived_at       TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_created ON contacts (created_at, id);
CREATE INDEX contacts_updated ON contacts (updated_at, id);
CREATE INDEX contacts_name ON contacts (name_key, id);
CREATE INDEX contacts_email_key ON contacts (email_key);
CREATE INDEX contacts_owner ON contacts (owner_id, created_at, id);
CREATE INDEX contacts_company ON contacts (company_id, created_at, id);
CREATE INDEX contacts_phase ON contacts (phase, created_at, id);

CREATE TABLE contact_tags (
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  tag        TEXT NOT NULL,
  PRIMARY KEY (contact_id, tag)
);
CREATE INDEX contact_tags_tag ON contact_tags (tag, contact_id);

CREATE INDEX contacts_search ON contacts USING gin (search gin_trgm_ops);

CREATE TABLE audit_log (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     TEXT,
  action      TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_record ON audit_log (record_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
