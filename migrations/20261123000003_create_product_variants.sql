-- Options (up to three per product, e.g. Size and Colour) and the variants that pick one
-- value of each. Every product has at least one variant; a product without options has
-- exactly one, with no option values. Price, stock and SKU live on the variant.
CREATE TABLE product_options (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   SMALLINT NOT NULL CHECK (position BETWEEN 1 AND 3),
    name_en    TEXT NOT NULL CHECK (name_en <> ''),
    name_ar    TEXT NOT NULL CHECK (name_ar <> ''),
    -- The facet key shared across products: `size`, `color` (lower-cased English name).
    key        TEXT NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    UNIQUE (product_id, position),
    UNIQUE (product_id, key)
);

CREATE TABLE product_variants (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id       BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    sku              TEXT NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    price_minor      BIGINT NOT NULL CHECK (price_minor >= 0),
    compare_at_minor BIGINT CHECK (compare_at_minor > price_minor),
    currency         TEXT NOT NULL DEFAULT 'EGP' CHECK (currency ~ '^[A-Z]{3}$'),
    stock            INTEGER NOT NULL CHECK (stock >= 0),
    image_id         BIGINT REFERENCES product_images (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (product_id, position)
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id);

-- The value a variant takes for one option of its product.
CREATE TABLE variant_option_values (
    variant_id BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    option_id  BIGINT NOT NULL REFERENCES product_options (id) ON DELETE CASCADE,
    value_en   TEXT NOT NULL CHECK (value_en <> ''),
    value_ar   TEXT NOT NULL CHECK (value_ar <> ''),
    PRIMARY KEY (variant_id, option_id)
);
-- Facet filters look values up by option and lower-cased English value.
CREATE INDEX variant_option_values_filter_idx
    ON variant_option_values (option_id, lower(value_en));

-- Keeps products.price_minor / compare_at_minor / in_stock equal to what the variants say.
CREATE FUNCTION refresh_product_summary(target BIGINT) RETURNS void
LANGUAGE sql AS $$
    UPDATE products p
       SET price_minor = COALESCE(s.price_minor, p.price_minor),
           compare_at_minor = s.compare_at_minor,
           in_stock = COALESCE(s.in_stock, false)
      FROM (SELECT min(price_minor) AS price_minor,
                   (array_agg(compare_at_minor ORDER BY price_minor, position))[1] AS compare_at_minor,
                   bool_or(stock > 0) AS in_stock
              FROM product_variants WHERE product_id = target) s
     WHERE p.id = target
       AND (p.price_minor, p.compare_at_minor, p.in_stock)
           IS DISTINCT FROM (COALESCE(s.price_minor, p.price_minor), s.compare_at_minor, COALESCE(s.in_stock, false));
$$;

CREATE FUNCTION product_variants_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM refresh_product_summary(OLD.product_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.product_id <> OLD.product_id) THEN
        PERFORM refresh_product_summary(NEW.product_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER product_variants_summary
    AFTER INSERT OR DELETE OR UPDATE OF price_minor, compare_at_minor, stock, product_id
    ON product_variants
    FOR EACH ROW EXECUTE FUNCTION product_variants_changed();

-- Products that existed before variants (the first demo catalog) get one variant each.
INSERT INTO product_variants (product_id, position, sku, price_minor, currency, stock)
SELECT id, 0, upper(left(regexp_replace(handle, '[^a-z0-9]+', '-', 'g'), 64)), price_minor, currency, 10
  FROM products;
