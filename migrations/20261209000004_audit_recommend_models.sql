-- Training on demand and rolling back a model are admin writes: audited like the others
-- (the models' bytes are left out of the log).
CREATE TRIGGER recommend_models_audit AFTER INSERT OR UPDATE OR DELETE ON recommend_models
    FOR EACH ROW EXECUTE FUNCTION audit_row('version', 'body');
