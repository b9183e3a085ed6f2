-- People who can sign in. Emails are stored lower-cased (the Email newtype does it), so the
-- plain UNIQUE constraint is case-insensitive in effect.
CREATE TABLE users (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND position('@' IN email) > 1),
    password_hash     TEXT NOT NULL,
    name              TEXT NOT NULL CHECK (name <> '' AND length(name) <= 100),
    phone             TEXT CHECK (phone ~ '^01[0125][0-9]{8}$'),
    locale            TEXT NOT NULL DEFAULT 'ar' CHECK (locale IN ('en', 'ar')),
    role              TEXT NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'staff', 'admin')),
    email_verified_at TIMESTAMPTZ,
    disabled_at       TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
