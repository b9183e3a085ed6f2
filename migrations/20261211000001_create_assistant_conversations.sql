-- The shopping assistant's conversations: on the site (found by a random token the
-- browser or API client holds) or on a social channel (found by the channel's user id).
-- `state` is who answers: the assistant (`bot`), staff after a handover, or nobody
-- (`closed`; the next message opens it again with the assistant).
CREATE TABLE assistant_conversations (
    id             BIGSERIAL PRIMARY KEY,
    token          TEXT NOT NULL UNIQUE CHECK (length(token) BETWEEN 16 AND 64),
    channel        TEXT NOT NULL DEFAULT 'web'
                   CHECK (channel IN ('web', 'telegram', 'whatsapp', 'messenger')),
    channel_user   TEXT,
    -- WhatsApp: the business number the customer wrote to (replies leave from it).
    reply_via      TEXT,
    customer_name  TEXT,
    user_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    locale         TEXT NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
    state          TEXT NOT NULL DEFAULT 'bot' CHECK (state IN ('bot', 'handed_over', 'closed')),
    -- What the assistant waits for (a yes to cancel, a variant, the contact on an order).
    pending        JSONB,
    -- Orders a guest proved theirs in this conversation (number with its phone or email).
    verified_orders TEXT[] NOT NULL DEFAULT '{}',
    failed_lookups INT NOT NULL DEFAULT 0,
    -- The products last shown, for "add it to my cart".
    last_products  TEXT[] NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    handed_over_at TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ,
    CHECK ((channel = 'web') = (channel_user IS NULL))
);
CREATE UNIQUE INDEX assistant_conversations_channel_user
    ON assistant_conversations (channel, channel_user) WHERE channel_user IS NOT NULL;
CREATE INDEX assistant_conversations_user
    ON assistant_conversations (user_id, updated_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX assistant_conversations_inbox
    ON assistant_conversations (updated_at DESC) WHERE handed_over_at IS NOT NULL;

CREATE TABLE assistant_messages (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    author          TEXT NOT NULL CHECK (author IN ('customer', 'assistant', 'staff')),
    staff_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL CHECK (length(body) <= 4000),
    intent          TEXT,
    -- The order the message was about (the inbox links it).
    order_number    TEXT,
    -- What the widget draws beside the text (product cards, an order, a question).
    parts           JSONB NOT NULL DEFAULT '[]',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX assistant_messages_conversation ON assistant_messages (conversation_id, id);

-- Answers to the usual questions, edited by staff in both languages.
CREATE TABLE assistant_faq (
    topic      TEXT PRIMARY KEY CHECK (topic IN ('shipping', 'returns', 'payment')),
    answer_en  TEXT NOT NULL CHECK (length(answer_en) BETWEEN 1 AND 2000),
    answer_ar  TEXT NOT NULL CHECK (length(answer_ar) BETWEEN 1 AND 2000),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO assistant_faq (topic, answer_en, answer_ar) VALUES
('shipping',
 'We deliver to every governorate in Egypt. The rate depends on where the order goes; orders above a zone''s threshold ship free.',
 'بنوصّل لكل محافظات مصر. سعر الشحن حسب المحافظة، والطلبات فوق حد معيّن بتتشحن مجانًا.'),
('returns',
 'You can return an unused item in its original packaging within 14 days of delivery. Write to us with your order number and we arrange the pickup; the money comes back the way you paid.',
 'تقدر ترجّع أي منتج مش مستخدم في علبته الأصلية خلال ١٤ يوم من الاستلام. ابعتلنا رقم الطلب وإحنا نرتب الاستلام، والفلوس بترجع بنفس طريقة الدفع.'),
('payment',
 'You can pay cash on delivery, or by card (Visa, Mastercard, Meeza) on the secure payment page when you place the order.',
 'تقدر تدفع كاش عند الاستلام، أو بالكارت (فيزا، ماستركارد، ميزة) في صفحة الدفع الآمنة وانت بتعمل الطلب.');

-- Staff replies, handovers closed and reopened, and FAQ edits are admin writes: audited.
-- Customers' own messages carry no audit action and are not logged.
CREATE TRIGGER assistant_conversations_audit AFTER INSERT OR UPDATE OR DELETE ON assistant_conversations
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'token', 'pending');
CREATE TRIGGER assistant_messages_audit AFTER INSERT OR UPDATE OR DELETE ON assistant_messages
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'parts');
CREATE TRIGGER assistant_faq_audit AFTER INSERT OR UPDATE OR DELETE ON assistant_faq
    FOR EACH ROW EXECUTE FUNCTION audit_row('topic');
