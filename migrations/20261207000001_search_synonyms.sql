-- A shop's own search words (issue 17): admins add equivalences the built-in Egyptian
-- lexicon (crates/catalog/src/lexicon) lacks. `term_key` is the term normalized the way
-- search normalizes it (crates/catalog/src/search_text.rs), so `أريكة` and `اريكه` are one
-- rule. Every change is audited and bumps `synonyms_version`, which each server's search
-- index reads with the catalog generation: the next search on any instance uses it.
CREATE TABLE search_synonyms (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    term        TEXT NOT NULL CHECK (term <> '' AND length(term) <= 60),
    term_key    TEXT NOT NULL UNIQUE CHECK (term_key <> ''),
    equivalents TEXT[] NOT NULL CHECK (cardinality(equivalents) BETWEEN 1 AND 10),
    two_way     BOOLEAN NOT NULL DEFAULT true,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE catalog_generation ADD COLUMN synonyms_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION search_synonyms_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_generation SET synonyms_version = synonyms_version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER search_synonyms_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_synonyms
    FOR EACH STATEMENT EXECUTE FUNCTION search_synonyms_touch();

CREATE TRIGGER search_synonyms_audit AFTER INSERT OR UPDATE OR DELETE ON search_synonyms
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'term_key');
