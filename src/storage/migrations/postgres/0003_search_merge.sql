-- SQLite's 0003 tunes how its FTS5 search index merges segments. PostgreSQL searches
-- with pg_trgm GIN indexes, which need no such setting; this migration keeps the two
-- dialects' versions in step.
SELECT 1;
