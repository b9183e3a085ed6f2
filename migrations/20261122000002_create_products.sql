CREATE TABLE products (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle         TEXT NOT NULL UNIQUE
                   CHECK (handle ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(handle) <= 100),
    category_id    BIGINT NOT NULL REFERENCES categories (id),
    name_en        TEXT NOT NULL CHECK (name_en <> ''),
    name_ar        TEXT NOT NULL CHECK (name_ar <> ''),
    description_en TEXT NOT NULL DEFAULT '',
    description_ar TEXT NOT NULL DEFAULT '',
    -- Money is integer minor units (piastres for EGP).
    price_minor    BIGINT NOT NULL CHECK (price_minor >= 0),
    currency       TEXT NOT NULL DEFAULT 'EGP' CHECK (currency ~ '^[A-Z]{3}$'),
    featured       BOOLEAN NOT NULL DEFAULT false,
    published      BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX products_category_idx ON products (category_id, id) WHERE published;
CREATE INDEX products_featured_idx ON products (created_at DESC) WHERE featured AND published;
