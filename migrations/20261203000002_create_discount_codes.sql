-- Discount codes. `times_used` is taken with a guarded UPDATE in the checkout transaction
-- (`WHERE usage_limit IS NULL OR times_used < usage_limit`), so two checkouts can never
-- both take the last use; the CHECK is the last line of defence.
CREATE TABLE discount_codes (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
    percent            SMALLINT CHECK (percent BETWEEN 1 AND 100),
    amount_minor       BIGINT CHECK (amount_minor > 0),
    currency           TEXT NOT NULL DEFAULT 'EGP' CHECK (currency ~ '^[A-Z]{3}$'),
    min_subtotal_minor BIGINT NOT NULL DEFAULT 0 CHECK (min_subtotal_minor >= 0),
    starts_at          TIMESTAMPTZ,
    ends_at            TIMESTAMPTZ CHECK (ends_at > starts_at),
    usage_limit        INTEGER CHECK (usage_limit > 0),
    per_customer_limit INTEGER CHECK (per_customer_limit > 0),
    times_used         INTEGER NOT NULL DEFAULT 0
                       CHECK (times_used >= 0 AND (usage_limit IS NULL OR times_used <= usage_limit)),
    active             BOOLEAN NOT NULL DEFAULT true,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Exactly one of percent and fixed amount.
    CHECK ((percent IS NULL) <> (amount_minor IS NULL))
);

-- Who used which code on which order. The per-customer limit counts these rows while the
-- checkout holds the code's row lock, so the count cannot move under it. A cancelled
-- order gives its use back (the row is deleted and times_used decremented).
CREATE TABLE discount_redemptions (
    discount_id  BIGINT NOT NULL REFERENCES discount_codes (id),
    order_id     BIGINT NOT NULL,
    customer_key TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id)
);
CREATE INDEX discount_redemptions_customer ON discount_redemptions (discount_id, customer_key);

INSERT INTO discount_codes (code, percent, min_subtotal_minor, usage_limit, per_customer_limit)
VALUES ('WELCOME10', 10, 20000, NULL, 1);
INSERT INTO discount_codes (code, amount_minor, min_subtotal_minor, usage_limit, per_customer_limit)
VALUES ('RAMADAN100', 10000, 100000, 500, 1);
