-- Search. The application normalizes text (crates/catalog/src/search_text.rs) and stores
-- it here on every product write; queries go through the same normalization. The vector
-- runs each field through both the english and the arabic stemmer, so a query in either
-- language (or both) meets its stems whichever language the field is in.
-- Weights: name A, tags/brand/category/option values B, description D.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE products
    ADD COLUMN search_name  TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_terms TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_body  TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', search_name), 'A') ||
        setweight(to_tsvector('arabic', search_name), 'A') ||
        setweight(to_tsvector('english', search_terms), 'B') ||
        setweight(to_tsvector('arabic', search_terms), 'B') ||
        setweight(to_tsvector('english', search_body), 'D') ||
        setweight(to_tsvector('arabic', search_body), 'D')
    ) STORED;

CREATE INDEX products_search_idx ON products USING gin (search_vector) WHERE published;
-- Prefix completion and typo tolerance on names.
CREATE INDEX products_search_name_trgm_idx ON products USING gin (search_name gin_trgm_ops) WHERE published;

-- Every word that appears in a product's name or terms: the vocabulary a misspelled query
-- word is corrected against (small, so a trigram lookup over it is cheap at any catalog
-- size). Kept by a trigger so every writer feeds it.
CREATE TABLE search_lexicon (
    term TEXT PRIMARY KEY CHECK (term <> '')
);
CREATE INDEX search_lexicon_trgm_idx ON search_lexicon USING gin (term gin_trgm_ops);

CREATE FUNCTION products_feed_lexicon() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_lexicon (term)
    SELECT DISTINCT w
      FROM regexp_split_to_table(NEW.search_name || ' ' || NEW.search_terms, '[^[:alnum:]]+') AS w
     WHERE length(w) >= 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER products_lexicon
    AFTER INSERT OR UPDATE OF search_name, search_terms ON products
    FOR EACH ROW EXECUTE FUNCTION products_feed_lexicon();

-- Categories are searched too (suggestions); their names are short, so trigram only.
ALTER TABLE categories ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
CREATE INDEX categories_search_name_trgm_idx ON categories USING gin (search_name gin_trgm_ops);
