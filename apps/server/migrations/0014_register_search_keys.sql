-- Search postings indexed in the order a search reads them (bench: `npm run bench -- search`).
--
-- Gram and digest indexes: every column is a key, so the postings of one gram (or digest) within a
-- scope come back as one index range already ordered by (grid_path, entity): a page of the
-- candidates is the first rows of that range, with no sort and no DISTINCT over a city's worth of
-- postings; and "does this candidate also hold gram X" is one index-only probe on the full key.
DROP INDEX register_grams_gram_idx;
CREATE INDEX register_grams_gram_idx ON register_grams (gram, grid_path, entity_type, entity_id);
DROP INDEX register_digit_keys_digest_idx;
CREATE INDEX register_digit_keys_digest_idx ON register_digit_keys (digest, grid_path, entity_type, entity_id);
-- A search picks its driving gram by counting postings in scope up to a cap; grams past the cap
-- are ranked by the statistics' most-common list, which at this target holds every gram common
-- enough to pass the cap in a district (the default 100 stops at ~0.15 % of all postings).
ALTER TABLE register_grams ALTER COLUMN gram SET STATISTICS 1000;
