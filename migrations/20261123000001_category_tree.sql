-- Categories form a tree: a category may sit under another (Men > Shoes). Siblings are
-- ordered by position. A category cannot be its own parent; deeper cycles are refused by
-- the writers (they walk the path), and the catalog only ever builds two or three levels.
ALTER TABLE categories
    ADD COLUMN parent_id BIGINT REFERENCES categories (id) ON DELETE RESTRICT,
    ADD CONSTRAINT categories_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id);

-- Names are unique among siblings in each language, so a CSV path such as
-- `Men > Shoes` names exactly one category.
CREATE UNIQUE INDEX categories_sibling_name_en_idx
    ON categories (COALESCE(parent_id, 0), lower(name_en));
CREATE UNIQUE INDEX categories_sibling_name_ar_idx
    ON categories (COALESCE(parent_id, 0), name_ar);
CREATE INDEX categories_parent_idx ON categories (parent_id, position, id);
