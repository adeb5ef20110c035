-- Foundation: staff users and their sessions, login throttling, idempotency keys,
-- companies, contacts (with an FTS5 trigram index over their folded search text) and the
-- audit log. Times are RFC 3339 UTC text; booleans are 0/1.
-- `seq` gives FTS5 a stable integer rowid (a table without INTEGER PRIMARY KEY may
-- renumber its rowids on VACUUM); clients only ever see `id`.

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
  seq         INTEGER PRIMARY KEY,
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

CREATE VIRTUAL TABLE companies_fts USING fts5(search, content='companies', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
  INSERT INTO companies_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
  INSERT INTO companies_fts (companies_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF search ON companies BEGIN
  INSERT INTO companies_fts (companies_fts, rowid, search) VALUES ('delete', old.seq, old.search);
  INSERT INTO companies_fts (rowid, search) VALUES (new.seq, new.search);
END;

CREATE TABLE contacts (
  seq               INTEGER PRIMARY KEY,
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

CREATE VIRTUAL TABLE contacts_fts USING fts5(search, content='contacts', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO contacts_fts (contacts_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search ON contacts BEGIN
  INSERT INTO contacts_fts (contacts_fts, rowid, search) VALUES ('delete', old.seq, old.search);
  INSERT INTO contacts_fts (rowid, search) VALUES (new.seq, new.search);
END;

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
