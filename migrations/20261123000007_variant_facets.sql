-- Each variant's option values as `key=value` words (`size=m`, `color=red`, the English
-- value lower-cased), kept by triggers on variant_option_values. Listing filters and facet
-- counts read this one array instead of joining options and values for every variant.
ALTER TABLE product_variants ADD COLUMN facets TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX product_variants_facets_idx ON product_variants USING gin (facets);

CREATE FUNCTION refresh_variant_facets(targets BIGINT[]) RETURNS void
LANGUAGE sql AS $$
    UPDATE product_variants v
       SET facets = COALESCE((
               SELECT array_agg(o.key || '=' || lower(x.value_en) ORDER BY o.position)
                 FROM variant_option_values x JOIN product_options o ON o.id = x.option_id
                WHERE x.variant_id = v.id), '{}')
     WHERE v.id = ANY (targets);
$$;

CREATE FUNCTION variant_values_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_variant_facets(ARRAY(SELECT DISTINCT variant_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION variant_values_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_variant_facets(ARRAY(SELECT DISTINCT variant_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER variant_values_insert AFTER INSERT ON variant_option_values
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION variant_values_inserted();
CREATE TRIGGER variant_values_update AFTER UPDATE ON variant_option_values
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION variant_values_inserted();
CREATE TRIGGER variant_values_delete AFTER DELETE ON variant_option_values
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION variant_values_deleted();
