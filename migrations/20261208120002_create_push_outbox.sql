-- Outgoing push messages, one row per subscription and order update. A row is inserted in
-- the transaction that moves the order, so a message exists exactly when the move
-- committed. The worker claims due rows in a committed statement (`FOR UPDATE SKIP
-- LOCKED`, which also pushes `next_attempt_at` out by a lease) before it sends, so two
-- workers never send the same row; a worker that dies mid-send leaves the row to be
-- claimed again when the lease ends. The text is composed when it is sent, in the
-- subscription's language.
CREATE TABLE push_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    order_number    TEXT NOT NULL,
    -- The order's new status, and its tracking number at that moment.
    status          TEXT NOT NULL,
    tracking_number TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    -- Refused for good (a 4xx other than 404/410, or out of attempts).
    failed_at       TIMESTAMPTZ
);
CREATE INDEX push_outbox_pending ON push_outbox (next_attempt_at, id)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX push_outbox_subscription ON push_outbox (subscription_id);
