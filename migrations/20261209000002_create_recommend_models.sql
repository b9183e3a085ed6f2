-- Trained recommendation models, newest first. Every instance serves the newest version
-- that was not rolled back; rolling back marks it, so the previous one comes back.
CREATE TABLE recommend_models (
    version        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trained_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    events         BIGINT NOT NULL CHECK (events >= 0),
    visitors       INTEGER NOT NULL CHECK (visitors >= 0),
    products       INTEGER NOT NULL CHECK (products >= 0),
    seconds        REAL NOT NULL CHECK (seconds >= 0),
    -- The models and the product ids they index (postcard).
    body           BYTEA NOT NULL,
    rolled_back_at TIMESTAMPTZ
);

CREATE INDEX recommend_models_serving_idx ON recommend_models (version DESC) WHERE rolled_back_at IS NULL;

-- Consumables a shopper buys again (coffee, tea): left in "for you" after a purchase.
ALTER TABLE products ADD COLUMN rebuyable BOOLEAN NOT NULL DEFAULT false;
