-- Orders. Everything an order shows is copied into it when it is placed (prices, names,
-- the address), so later catalog or address-book edits never change a placed order.
CREATE TABLE orders (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- `DK-` and 8 random digits: unique, and not a counter anyone can walk. Reading an
    -- order still needs its owner's session, or the number together with its email/phone.
    number             TEXT NOT NULL UNIQUE CHECK (number ~ '^DK-[0-9]{8}$'),
    user_id            BIGINT REFERENCES users (id) ON DELETE SET NULL,
    email              TEXT NOT NULL CHECK (position('@' IN email) > 1),
    phone              TEXT NOT NULL CHECK (phone ~ '^01[0125][0-9]{8}$'),
    locale             TEXT NOT NULL CHECK (locale IN ('en', 'ar')),
    status             TEXT NOT NULL CHECK (status IN ('pending_payment', 'placed', 'paid', 'processing',
                           'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded')),
    payment_method     TEXT NOT NULL CHECK (payment_method IN ('cod', 'card')),
    currency           TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal_minor     BIGINT NOT NULL CHECK (subtotal_minor > 0),
    discount_minor     BIGINT NOT NULL CHECK (discount_minor >= 0 AND discount_minor <= subtotal_minor),
    shipping_minor     BIGINT NOT NULL CHECK (shipping_minor >= 0),
    total_minor        BIGINT NOT NULL,
    refunded_minor     BIGINT NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
    discount_code      TEXT,
    shipping_method    TEXT NOT NULL CHECK (shipping_method IN ('standard', 'express')),
    -- The address as it was at checkout.
    recipient          TEXT NOT NULL CHECK (recipient <> ''),
    ship_phone         TEXT NOT NULL CHECK (ship_phone ~ '^01[0125][0-9]{8}$'),
    governorate        TEXT NOT NULL,
    city               TEXT NOT NULL CHECK (city <> ''),
    street             TEXT NOT NULL CHECK (street <> ''),
    building           TEXT NOT NULL CHECK (building <> ''),
    floor              TEXT,
    apartment          TEXT,
    landmark           TEXT,
    -- The key the checkout page was rendered with, and a hash of what was submitted with
    -- it: the same key again returns this order; with another payload it is refused.
    idempotency_key    TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 16 AND 64),
    request_hash       BYTEA NOT NULL CHECK (length(request_hash) = 32),
    -- Card orders not paid by then are cancelled and their stock returned.
    payment_due_at     TIMESTAMPTZ,
    paid_at            TIMESTAMPTZ,
    tracking_number    TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (total_minor = subtotal_minor - discount_minor + shipping_minor)
);
CREATE INDEX orders_user ON orders (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX orders_email ON orders (email);
CREATE INDEX orders_created ON orders (created_at DESC);
-- The expiry job's poll.
CREATE INDEX orders_payment_due ON orders (payment_due_at) WHERE status = 'pending_payment';

ALTER TABLE discount_redemptions
    ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;

CREATE TABLE order_items (
    order_id         BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    -- Kept as a reference only: the copies below are what the order shows.
    variant_id       BIGINT REFERENCES product_variants (id) ON DELETE SET NULL,
    product_handle   TEXT NOT NULL,
    sku              TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    name_ar          TEXT NOT NULL,
    options_en       TEXT NOT NULL DEFAULT '',
    options_ar       TEXT NOT NULL DEFAULT '',
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor >= 0),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    line_total_minor BIGINT NOT NULL CHECK (line_total_minor = unit_price_minor * quantity),
    PRIMARY KEY (order_id, position)
);
CREATE INDEX order_items_variant ON order_items (variant_id);

-- The timeline: every status change with who, when and why. The first row of an order
-- has no `from_status`.
CREATE TABLE order_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    event         TEXT NOT NULL,
    actor         TEXT NOT NULL CHECK (actor IN ('customer', 'staff', 'system', 'provider')),
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- Live status: every status change notifies listeners (the order page's event stream) on
-- the channel `order_status` with the order number as payload.
CREATE FUNCTION orders_notify_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('order_status', NEW.number);
    RETURN NULL;
END $$;
CREATE TRIGGER orders_status_changed AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION orders_notify_status();
