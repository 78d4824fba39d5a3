-- Records every change of a saga's status in saga_audit_events, in the same transaction as the change.
-- The function body is dollar-quoted: its semicolons belong to PL/pgSQL, not to the script.
CREATE FUNCTION saga_status_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO saga_audit_events (saga_id, old_status, new_status, changed_at)
        VALUES (NEW.id, OLD.status, NEW.status, CURRENT_TIMESTAMP);
        NEW.updated_at := CURRENT_TIMESTAMP;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_sagas_status_audit
    BEFORE UPDATE OF status ON sagas
    FOR EACH ROW EXECUTE FUNCTION saga_status_audit();
