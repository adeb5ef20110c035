-- Lists in creation order use `seq` (the rowid, which every SQLite index carries at its
-- end): an index on a filter column alone serves "filter, newest/oldest first".
-- Add the common filter + sort pairs of the staff app.
DROP INDEX contacts_created;
DROP INDEX contacts_owner;
DROP INDEX contacts_company;
DROP INDEX contacts_phase;
CREATE INDEX contacts_owner ON contacts (owner_id);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_phase ON contacts (phase);
CREATE INDEX contacts_phase_updated ON contacts (phase, updated_at, id);
CREATE INDEX contacts_owner_name ON contacts (owner_id, name_key, id);
DROP INDEX companies_created;
DROP INDEX companies_owner;
CREATE INDEX companies_owner ON companies (owner_id);

-- Queries of one or two letters match the start of a first name, last name or email
-- through indexes: `first_key` is the folded first name (name_key starts with the last).
-- Rows written before this migration get a lower-cased key until their next change.
ALTER TABLE contacts ADD COLUMN first_key TEXT NOT NULL DEFAULT '';
UPDATE contacts SET first_key = LOWER(COALESCE(first_name, ''));
CREATE INDEX contacts_first_key ON contacts (first_key);
