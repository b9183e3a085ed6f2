-- Brand and tags on products, and what lists need from the variants without a join:
-- the lowest variant price ("from" price), the compare-at price of that variant (a sale
-- badge on cards) and whether any variant is in stock. Those three are kept by a trigger
-- on product_variants (next migration), so every writer, checkout included, keeps them true.
ALTER TABLE products
    ADD COLUMN brand            TEXT NOT NULL DEFAULT '',
    ADD COLUMN tags             TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN compare_at_minor BIGINT CHECK (compare_at_minor >= 0),
    ADD COLUMN in_stock         BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX products_price_idx ON products (category_id, price_minor) WHERE published;
CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC) WHERE published;
