-- Stock changed by hand in the admin (a delivery counted in, breakage, a recount), with
-- the reason: the history the product page shows. Sales and cancellations move stock
-- through orders and are not repeated here.
CREATE TABLE stock_adjustments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id    BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    delta         INTEGER NOT NULL CHECK (delta <> 0),
    stock_after   INTEGER NOT NULL CHECK (stock_after >= 0),
    reason        TEXT NOT NULL CHECK (reason <> '' AND length(reason) <= 200),
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stock_adjustments_variant_idx ON stock_adjustments (variant_id, created_at DESC);

CREATE TRIGGER stock_adjustments_audit AFTER INSERT OR UPDATE OR DELETE ON stock_adjustments
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
