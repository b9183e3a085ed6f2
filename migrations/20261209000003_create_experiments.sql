-- A/B tests. A visitor's variant is a stable hash of the visitor id and the experiment's
-- key (nothing stored to decide it); the first exposure of each visitor is kept once, and
-- the outcome is a purchase by that visitor (or their account) within `window_days`.
CREATE TABLE experiments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 60),
    name_en     TEXT NOT NULL CHECK (name_en <> ''),
    name_ar     TEXT NOT NULL CHECK (name_ar <> ''),
    -- [{"name": "...", "weight": 50}, ...]; the first is the control.
    variants    JSONB NOT NULL CHECK (jsonb_typeof(variants) = 'array' AND jsonb_array_length(variants) >= 2),
    status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
    -- Rolled out: every visitor gets this variant and nobody is counted any more.
    winner      TEXT,
    window_days INTEGER NOT NULL DEFAULT 7 CHECK (window_days BETWEEN 1 AND 90),
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    stopped_at  TIMESTAMPTZ,
    CHECK (winner IS NULL OR status = 'stopped')
);

CREATE TABLE experiment_exposures (
    experiment_id BIGINT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    visitor_id    TEXT NOT NULL CHECK (length(visitor_id) BETWEEN 1 AND 100),
    variant       TEXT NOT NULL,
    exposed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (experiment_id, visitor_id)
);

CREATE TRIGGER experiments_audit AFTER INSERT OR UPDATE OR DELETE ON experiments
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

-- The first experiment: the product page's "similar items", item-to-item alone (text and
-- co-viewing neighbours) against the blend.
INSERT INTO experiments (key, name_en, name_ar, variants) VALUES (
    'product-recommendations',
    'Product page: similar items by item-to-item or by the blend',
    'صفحة المنتج: المنتجات المشابهة بالتشابه المباشر أو بالمزيج',
    '[{"name": "item-to-item", "weight": 50}, {"name": "blend", "weight": 50}]'
);
