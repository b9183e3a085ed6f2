-- The address book. Checkout copies an address into the order, so editing one later never
-- changes a placed order.
CREATE TABLE addresses (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient   TEXT NOT NULL CHECK (recipient <> ''),
    phone       TEXT NOT NULL CHECK (phone ~ '^01[0125][0-9]{8}$'),
    governorate TEXT NOT NULL,
    city        TEXT NOT NULL CHECK (city <> ''),
    street      TEXT NOT NULL CHECK (street <> ''),
    building    TEXT NOT NULL CHECK (building <> ''),
    floor       TEXT,
    apartment   TEXT,
    landmark    TEXT,
    is_default  BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX addresses_user_id ON addresses (user_id);
-- At most one default per person, enforced by the database rather than by care.
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default;
