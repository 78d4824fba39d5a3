-- Records every change of a saga's status in saga_audit_events, in the same transaction as the change.
-- The trigger body holds semicolons, so the script switches the statement delimiter around it.
DELIMITER $$
CREATE TRIGGER trg_sagas_status_audit
    AFTER UPDATE ON sagas
    FOR EACH ROW
BEGIN
    IF NOT (NEW.status <=> OLD.status) THEN
        INSERT INTO saga_audit_events (saga_id, old_status, new_status, changed_at)
        VALUES (NEW.id, OLD.status, NEW.status, CURRENT_TIMESTAMP(6));
    END IF;
END$$
DELIMITER ;
