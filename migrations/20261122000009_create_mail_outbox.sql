-- Outgoing mail. A row is inserted in the same transaction as the change that causes the
-- mail (a new account, a password-reset token), so a mail exists exactly when its change
-- committed; a background worker delivers it afterwards and retries with backoff.
-- subject and body_text hold one-time links: never copy them into logs or last_error.
CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ
);
-- The worker polls "sent_at IS NULL AND next_attempt_at <= now() ORDER BY id" every few
-- seconds. Sent rows pile up forever while pending ones are few, so a partial index over the
-- pending rows alone stays tiny and answers that poll without scanning the delivered history.
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL;
