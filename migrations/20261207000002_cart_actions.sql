-- Add-to-cart actions the installed app queued while offline carry a key chosen in the
-- browser; a replay that is sent twice (a flaky connection, a Background Sync and an
-- `online` event at once) is applied once. Keys go with their cart.
CREATE TABLE cart_actions (
    cart_id    BIGINT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    key        TEXT NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{16,64}$'),
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, key)
);
