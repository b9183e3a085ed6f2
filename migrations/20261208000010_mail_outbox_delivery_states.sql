-- Mail over SMTP: an HTML alternative beside the plain text, and delivery states that make
-- sending at most once per row.
--
--   pending  -> sending  a worker claimed the row in a transaction of its own, committed
--                        before the message goes to the SMTP server
--   sending  -> sent     the server accepted it
--   sending  -> pending  a temporary failure (4xx, connection): retried with backoff
--   sending  -> failed   a permanent failure (5xx), attempts used up, or a claim left
--                        `sending` past its lease (the worker died mid-send: the outcome is
--                        unknown, so the row is never resent by itself)
--   failed   -> pending  an admin asked for it again (audited)
--
-- The new column's value for rows written before it follows from sent_at; rows whose
-- attempts ran out under the old rules (8) become failed, so admins see them.
ALTER TABLE mail_outbox
    ADD COLUMN body_html  TEXT,
    ADD COLUMN state      TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    ADD COLUMN claimed_at TIMESTAMPTZ,
    ADD COLUMN failed_at  TIMESTAMPTZ;
UPDATE mail_outbox SET state = 'sent' WHERE sent_at IS NOT NULL;
UPDATE mail_outbox SET state = 'failed', failed_at = now() WHERE sent_at IS NULL AND attempts >= 8;

DROP INDEX mail_outbox_pending;
-- The worker's poll: due pending rows, oldest first.
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, id) WHERE state = 'pending';
-- Claims past their lease, and the admins' list of failed mail (newest first).
CREATE INDEX mail_outbox_sending ON mail_outbox (claimed_at) WHERE state = 'sending';
CREATE INDEX mail_outbox_failed ON mail_outbox (failed_at DESC, id DESC) WHERE state = 'failed';
-- Password-reset requests are limited per address by counting what was queued to it.
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient, kind, created_at);
-- An admin queueing a failed mail again is audited like every admin write (and so is the
-- mail an admin's order move queues). Subjects and bodies hold one-time links: never
-- copied into the log.
CREATE TRIGGER mail_outbox_audit AFTER INSERT OR UPDATE OR DELETE ON mail_outbox
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'subject', 'body_text', 'body_html');
