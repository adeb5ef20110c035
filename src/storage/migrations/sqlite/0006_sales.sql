-- Purchases and the sales pipeline: products, orders with their lines, opportunities.
-- Money is integer minor units (BIGINT on PostgreSQL) beside an ISO 4217 currency; times
-- are RFC 3339 UTC text; booleans 0/1. Analyses read orders and lines by time and by
-- product, so those are indexed; every order or product write bumps data version 'orders'.

CREATE TABLE products (
  seq INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  sku          TEXT NOT NULL,
  sku_key      TEXT NOT NULL UNIQUE,        -- lower-case sku: unique case-insensitively
  name         TEXT NOT NULL,
  name_key     TEXT NOT NULL,               -- folded name, for sorting and prefix search
  description  TEXT,
  price_minor  INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1,
  is_service   INTEGER NOT NULL DEFAULT 0,  -- shipping, fees: in totals, out of analyses
  search       TEXT NOT NULL,               -- folded sku and name
  archived_at  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX products_name ON products (name_key, id);
CREATE VIRTUAL TABLE products_fts USING fts5(search, content='products', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF search ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, search) VALUES ('delete', old.seq, old.search);
  INSERT INTO products_fts (rowid, search) VALUES (new.seq, new.search);
END;

CREATE TABLE orders (
  seq INTEGER PRIMARY KEY,                  -- also the order number people quote
  id                 TEXT NOT NULL UNIQUE,
  contact_id         TEXT NOT NULL REFERENCES contacts(id),
  contact_seq        INTEGER NOT NULL,     -- the contact's seq: analyses key customers by it
  ordered_at         TEXT NOT NULL,
  ordered_day        INTEGER NOT NULL,      -- UTC days since 1970-01-01 of ordered_at
  currency           TEXT NOT NULL,
  status             TEXT NOT NULL,
  channel            TEXT NOT NULL,
  external_ref       TEXT UNIQUE,           -- the number in the shop or ERP it came from
  note               TEXT,
  total_minor        INTEGER NOT NULL,
  merchandise_minor  INTEGER NOT NULL,      -- the total without service lines
  created_by         TEXT,
  archived_at        TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orders_contact ON orders (contact_id, ordered_at);
CREATE INDEX orders_ordered ON orders (ordered_at);
-- What an analysis reads of every order that counts, and nothing else: a scan of this
-- index is the customer base's purchase history in (customer, day) order.
CREATE INDEX orders_analysis ON orders (currency, contact_seq, ordered_day, merchandise_minor)
  WHERE archived_at IS NULL AND status IN ('placed', 'paid', 'shipped', 'delivered') AND merchandise_minor > 0;

CREATE TABLE order_lines (
  order_id          TEXT NOT NULL REFERENCES orders(id),
  line_no           INTEGER NOT NULL,
  product_id        TEXT NOT NULL REFERENCES products(id),
  quantity          INTEGER NOT NULL,
  unit_price_minor  INTEGER NOT NULL,
  line_total_minor  INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

CREATE TABLE opportunities (
  seq INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  contact_id      TEXT REFERENCES contacts(id),
  company_id      TEXT REFERENCES companies(id),
  stage           TEXT NOT NULL,
  probability     INTEGER NOT NULL,
  amount_minor    INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  expected_close  TEXT,                     -- YYYY-MM-DD
  owner_id        TEXT REFERENCES users(id),
  source_case_id  TEXT REFERENCES cases(id),
  status          TEXT NOT NULL,            -- open, won, lost (from the stage)
  lost_reason     TEXT,
  closed_at       TEXT,
  note            TEXT,
  created_by      TEXT,
  archived_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX opportunities_open_close ON opportunities (status, expected_close);
CREATE INDEX opportunities_closed ON opportunities (closed_at);
CREATE INDEX opportunities_contact ON opportunities (contact_id);
CREATE INDEX opportunities_company ON opportunities (company_id);
CREATE INDEX opportunities_owner ON opportunities (owner_id);
CREATE INDEX opportunities_case ON opportunities (source_case_id);

INSERT INTO data_versions (name, version) VALUES ('orders', 0);
