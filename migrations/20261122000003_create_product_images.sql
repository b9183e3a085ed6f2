CREATE TABLE product_images (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    path       TEXT NOT NULL CHECK (path <> ''),
    alt_en     TEXT NOT NULL DEFAULT '',
    alt_ar     TEXT NOT NULL DEFAULT '',
    UNIQUE (product_id, position)
);
