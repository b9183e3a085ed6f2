-- The shopping assistant on Telegram, WhatsApp and Messenger (crates/channels).
--
-- channel_inbound: the messages already taken in, so a webhook the channel delivers again
-- (they retry on any error or slow answer) is answered once. Rows only need to outlive
-- the channels' retries (hours to days); the worker prunes old ones.
CREATE TABLE channel_inbound (
    channel     TEXT NOT NULL CHECK (channel IN ('telegram', 'whatsapp', 'messenger')),
    -- Telegram: the update_id; WhatsApp: the wamid; Messenger: the mid.
    message_id  TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, message_id)
);
CREATE INDEX channel_inbound_received ON channel_inbound (received_at);

-- channel_outbox: replies to send, written in the transaction that records the answer.
--
--   pending -> sending  a worker claimed the row (FOR UPDATE SKIP LOCKED) in a statement
--                       of its own, committed before anything is sent: two workers never
--                       hold one row, and a crash from there on cannot send it again
--   sending -> sent     every part went out
--   sending -> pending  a temporary failure (no answer, 429, 5xx): retried with backoff
--   sending -> failed   refused for good, attempts used up, or a claim left `sending`
--                       past its lease (the worker died mid-send: the outcome is unknown,
--                       so the row is never resent by itself)
--
-- Replies to one recipient go out in id order: a row is not claimed while an older row
-- to the same recipient is still pending or sending.
CREATE TABLE channel_outbox (
    id              BIGSERIAL PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('telegram', 'whatsapp', 'messenger')),
    -- Telegram chat id, WhatsApp id (phone number), Messenger PSID.
    recipient       TEXT NOT NULL,
    -- WhatsApp: the business phone_number_id the customer wrote to (the reply comes from
    -- it); NULL elsewhere or to use the configured number.
    reply_via       TEXT,
    body            TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    -- Claims so far (the one in flight included); it only grows, so (id, attempts) names
    -- one claim and a late outcome cannot overwrite a newer one.
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- A text longer than the channel's limit goes out as several messages: how many of
    -- them the channel has taken, so a retry sends only the rest.
    parts_sent      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at      TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT,
    -- The assistant's conversation (no foreign key: that table belongs to another crate).
    conversation_id BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The worker's poll: due pending rows, oldest first.
CREATE INDEX channel_outbox_due ON channel_outbox (next_attempt_at, id) WHERE state = 'pending';
-- The per-recipient order check: older unfinished rows to the same recipient.
CREATE INDEX channel_outbox_open ON channel_outbox (channel, recipient, id)
    WHERE state IN ('pending', 'sending');
-- Claims past their lease.
CREATE INDEX channel_outbox_sending ON channel_outbox (claimed_at) WHERE state = 'sending';
-- The admins' count of replies that will not go out.
CREATE INDEX channel_outbox_failed ON channel_outbox (id) WHERE state = 'failed';
