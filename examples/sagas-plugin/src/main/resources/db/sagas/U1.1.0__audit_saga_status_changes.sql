-- Undoes 1.1.0 on H2 and MariaDB, where a trigger is dropped by its name alone.
DROP TRIGGER trg_sagas_status_audit;
