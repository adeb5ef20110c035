-- Lists in creation order use `seq`, a column SQLite has as its rowid: add it here (rows
-- that exist get numbers in creation order), and index the common filter + sort pairs
-- of the staff app.
ALTER TABLE contacts ADD COLUMN seq BIGINT;
UPDATE contacts SET seq = s.n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM contacts) s
  WHERE contacts.id = s.id;
CREATE SEQUENCE contacts_seq_seq OWNED BY contacts.seq;
SELECT setval('contacts_seq_seq', COALESCE((SELECT MAX(seq) FROM contacts), 0) + 1, false);
ALTER TABLE contacts ALTER COLUMN seq SET DEFAULT nextval('contacts_seq_seq');
ALTER TABLE contacts ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX contacts_seq ON contacts (seq);

ALTER TABLE companies ADD COLUMN seq BIGINT;
UPDATE companies SET seq = s.n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM companies) s
  WHERE companies.id = s.id;
CREATE SEQUENCE companies_seq_seq OWNED BY companies.seq;
SELECT setval('companies_seq_seq', COALESCE((SELECT MAX(seq) FROM companies), 0) + 1, false);
ALTER TABLE companies ALTER COLUMN seq SET DEFAULT nextval('companies_seq_seq');
ALTER TABLE companies ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX companies_seq ON companies (seq);

DROP INDEX contacts_created;
DROP INDEX contacts_owner;
DROP INDEX contacts_company;
DROP INDEX contacts_phase;
CREATE INDEX contacts_owner ON contacts (owner_id, seq);
CREATE INDEX contacts_company ON contacts (company_id, seq);
CREATE INDEX contacts_phase ON contacts (phase, seq);
CREATE INDEX contacts_phase_updated ON contacts (phase, updated_at, id);
CREATE INDEX contacts_owner_name ON contacts (owner_id, name_key, id);
DROP INDEX companies_created;
DROP INDEX companies_owner;
CREATE INDEX companies_owner ON companies (owner_id, seq);

-- Queries of one or two letters match the start of a first name, last name or email
-- through indexes: `first_key` is the folded first name (name_key starts with the last).
-- Rows written before this migration get a lower-cased key until their next change.
ALTER TABLE contacts ADD COLUMN first_key TEXT NOT NULL DEFAULT '';
UPDATE contacts SET first_key = LOWER(COALESCE(first_name, ''));
CREATE INDEX contacts_first_key ON contacts (first_key);
