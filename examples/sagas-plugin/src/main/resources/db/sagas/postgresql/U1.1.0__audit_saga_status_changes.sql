DROP TRIGGER trg_sagas_status_audit ON sagas;
DROP FUNCTION saga_status_audit();
