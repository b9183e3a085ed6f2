-- Web push subscriptions: a browser's push endpoint and the keys its messages are encrypted
-- to (RFC 8291). A subscription follows either a signed-in account (every order of it) or
-- one guest order (its owner proved it with the order's signed key). The same browser may
-- follow an account and guest orders at once: one row each, one endpoint.
CREATE TABLE push_subscriptions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Checked against the endpoint allow-list before it is stored (never an arbitrary URL).
    endpoint   TEXT NOT NULL CHECK (length(endpoint) BETWEEN 12 AND 2048),
    -- The browser's P-256 public key (uncompressed point) and its 16-byte auth secret.
    p256dh     BYTEA NOT NULL CHECK (length(p256dh) = 65),
    auth       BYTEA NOT NULL CHECK (length(auth) = 16),
    -- The language the person subscribed in: their notifications speak it.
    locale     TEXT NOT NULL CHECK (locale IN ('en', 'ar')),
    user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
    order_id   BIGINT REFERENCES orders (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((user_id IS NULL) <> (order_id IS NULL))
);
CREATE UNIQUE INDEX push_subscriptions_user ON push_subscriptions (user_id, endpoint)
    WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX push_subscriptions_order ON push_subscriptions (order_id, endpoint)
    WHERE order_id IS NOT NULL;
-- A push service answering 404/410 retires the endpoint everywhere it is used.
CREATE INDEX push_subscriptions_endpoint ON push_subscriptions (endpoint);
