-- The listing/search index lives in each server's memory (crates/catalog/src/index) and
-- follows PostgreSQL through this change feed. Every write that changes what a listing
-- shows bumps `generation` and records the products it touched under the new number.
--
-- Why the numbers arrive in commit order: a writer takes the one row's lock with its
-- UPDATE and keeps it until it commits, so the next writer reads the committed number
-- and adds one. A reader that has seen generation G has therefore seen every change
-- numbered G or less, and everything it has not seen yet is numbered above G.
-- Changes older than 10,000 generations are pruned; a reader further behind reloads.
CREATE TABLE catalog_generation (
    singleton      BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    generation     BIGINT NOT NULL DEFAULT 0,
    pruned_through BIGINT NOT NULL DEFAULT 0
);
INSERT INTO catalog_generation DEFAULT VALUES;

CREATE TABLE catalog_changes (
    generation BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    PRIMARY KEY (generation, product_id)
);

CREATE FUNCTION catalog_touch(ids BIGINT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    g BIGINT;
BEGIN
    IF COALESCE(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    UPDATE catalog_generation SET generation = generation + 1 RETURNING generation INTO g;
    INSERT INTO catalog_changes (generation, product_id)
    SELECT DISTINCT g, id FROM unnest(ids) AS id;
    IF g % 1000 = 0 THEN
        DELETE FROM catalog_changes WHERE generation <= g - 10000;
        UPDATE catalog_generation SET pruned_through = GREATEST(pruned_through, g - 10000);
    END IF;
END $$;

-- Products: any insert or delete; updates of what the index holds.
CREATE FUNCTION catalog_products_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION catalog_products_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(SELECT id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION catalog_products_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.category_id, n.published, n.created_at, n.price_minor, n.in_stock, n.search_vector)
               IS DISTINCT FROM
               (o.category_id, o.published, o.created_at, o.price_minor, o.in_stock, o.search_vector)));
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_products_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_products_inserted();
CREATE TRIGGER catalog_products_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_products_updated();
CREATE TRIGGER catalog_products_delete AFTER DELETE ON products
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_products_deleted();

-- Variants: the index keeps each one's price, whether it is in stock and its option
-- words. A sale that leaves stock above zero changes none of these and bumps nothing.
CREATE FUNCTION catalog_variants_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION catalog_variants_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(SELECT DISTINCT product_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION catalog_variants_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(
        SELECT DISTINCT x.product_id
          FROM new_rows n JOIN old_rows o ON o.id = n.id,
               LATERAL (VALUES (n.product_id), (o.product_id)) AS x(product_id)
         WHERE (n.product_id, n.position, n.price_minor, n.stock > 0, n.facets)
               IS DISTINCT FROM
               (o.product_id, o.position, o.price_minor, o.stock > 0, o.facets)));
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_variants_insert AFTER INSERT ON product_variants
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_inserted();
CREATE TRIGGER catalog_variants_update AFTER UPDATE ON product_variants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_updated();
CREATE TRIGGER catalog_variants_delete AFTER DELETE ON product_variants
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_deleted();

-- Options: their names label the facets.
CREATE TRIGGER catalog_options_insert AFTER INSERT ON product_options
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_inserted();
CREATE TRIGGER catalog_options_update AFTER UPDATE ON product_options
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_inserted();
CREATE TRIGGER catalog_options_delete AFTER DELETE ON product_options
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_deleted();

-- Option values: their Arabic and English text labels the facets (the words themselves
-- reach the variants' `facets` column, covered above).
CREATE FUNCTION catalog_values_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_touch(ARRAY(
        SELECT DISTINCT v.product_id FROM product_variants v
         WHERE v.id IN (SELECT variant_id FROM changed_rows)));
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_values_update AFTER UPDATE ON variant_option_values
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_values_changed();
