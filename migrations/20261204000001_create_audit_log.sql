-- The audit log: every row an admin or staff action writes, with who, from where, and the
-- row before and after. Triggers write it, so an entry is in the same transaction as the
-- write it describes and no code path can forget it. A transaction is audited when it has
-- set `dokkan.action` (crates/audit: `begin`); the shop's own writes (a checkout taking
-- stock, a webhook marking an order paid) set nothing and are not logged here.
CREATE TABLE audit_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Groups the rows one action wrote (a product and its variants).
    tx_id         BIGINT NOT NULL DEFAULT txid_current(),
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Kept as it was at the time: the account may be renamed or deleted later.
    actor_email   TEXT NOT NULL,
    ip            INET,
    action        TEXT NOT NULL CHECK (action ~ '^[a-z0-9_.-]+$'),
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    before        JSONB,
    after         JSONB,
    CHECK (before IS NOT NULL OR after IS NOT NULL)
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

-- Arguments: the key columns (comma-separated) that identify the row, then columns never
-- copied into the log (password hashes, derived search text).
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    action    TEXT := nullif(current_setting('dokkan.action', true), '');
    actor     BIGINT;
    hidden    TEXT[] := coalesce(TG_ARGV[1:], '{}');
    old_row   JSONB;
    new_row   JSONB;
    key_row   JSONB;
BEGIN
    IF action IS NULL THEN
        RETURN NULL;
    END IF;
    actor := nullif(current_setting('dokkan.actor_id', true), '')::BIGINT;
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD) - hidden;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW) - hidden;
    END IF;
    -- An update that changed nothing an admin can see is not an event.
    IF old_row IS NOT DISTINCT FROM new_row THEN
        RETURN NULL;
    END IF;
    key_row := coalesce(new_row, old_row);
    INSERT INTO audit_log (actor_user_id, actor_email, ip, action, entity, entity_id, before, after)
    VALUES (
        actor,
        coalesce((SELECT email FROM users WHERE id = actor),
                 nullif(current_setting('dokkan.actor_name', true), ''), 'system'),
        nullif(current_setting('dokkan.ip', true), '')::INET,
        action,
        TG_TABLE_NAME,
        (SELECT string_agg(key_row ->> k, ':') FROM unnest(string_to_array(TG_ARGV[0], ',')) AS k),
        old_row,
        new_row
    );
    RETURN NULL;
END
$$;

CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'password_hash');
CREATE TRIGGER categories_audit AFTER INSERT OR UPDATE OR DELETE ON categories
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'search_name');
CREATE TRIGGER products_audit AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'search_name', 'search_terms', 'search_body', 'search_vector');
CREATE TRIGGER product_options_audit AFTER INSERT OR UPDATE OR DELETE ON product_options
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER product_variants_audit AFTER INSERT OR UPDATE OR DELETE ON product_variants
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER variant_option_values_audit AFTER INSERT OR UPDATE OR DELETE ON variant_option_values
    FOR EACH ROW EXECUTE FUNCTION audit_row('variant_id,option_id');
CREATE TRIGGER product_images_audit AFTER INSERT OR UPDATE OR DELETE ON product_images
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_row('number');
CREATE TRIGGER refunds_audit AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER discount_codes_audit AFTER INSERT OR UPDATE OR DELETE ON discount_codes
    FOR EACH ROW EXECUTE FUNCTION audit_row('code');
CREATE TRIGGER shipping_zones_audit AFTER INSERT OR UPDATE OR DELETE ON shipping_zones
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER shipping_zone_governorates_audit AFTER INSERT OR UPDATE OR DELETE ON shipping_zone_governorates
    FOR EACH ROW EXECUTE FUNCTION audit_row('governorate');
CREATE TRIGGER shipping_rates_audit AFTER INSERT OR UPDATE OR DELETE ON shipping_rates
    FOR EACH ROW EXECUTE FUNCTION audit_row('zone_id,method');
