-- Undoes 1.1.0 on H2 and PostgreSQL, where an index name is unique in the schema.
DROP INDEX idx_audit_logs_actor;
DROP INDEX idx_jobs_type_status;
ALTER TABLE workers DROP COLUMN app_version;
ALTER TABLE jobs DROP COLUMN timeout_seconds;
ALTER TABLE jobs DROP COLUMN priority;
