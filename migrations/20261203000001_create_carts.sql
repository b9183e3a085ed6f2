-- Carts live in PostgreSQL, so every server instance sees the same cart. A guest's cart is
-- found through a signed cookie holding its id; a signed-in person has at most one cart,
-- and a guest cart is merged into it at sign-in.
CREATE TABLE carts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Abandoned guest carts are pruned by age.
CREATE INDEX carts_guest_updated ON carts (updated_at) WHERE user_id IS NULL;

-- One line per variant. `seen_price_minor` is the price the shopper saw when they added
-- it, so the cart can say "the price changed" instead of silently charging another one.
CREATE TABLE cart_items (
    cart_id          BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id       BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    seen_price_minor BIGINT NOT NULL CHECK (seen_price_minor >= 0),
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, variant_id)
);
CREATE INDEX cart_items_variant ON cart_items (variant_id);
