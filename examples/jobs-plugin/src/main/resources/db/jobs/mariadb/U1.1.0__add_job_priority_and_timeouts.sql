-- Undoes 1.1.0 on MariaDB, where an index belongs to its table and DROP INDEX names both.
DROP INDEX idx_audit_logs_actor ON audit_logs;
DROP INDEX idx_jobs_type_status ON jobs;
ALTER TABLE workers DROP COLUMN app_version;
ALTER TABLE jobs DROP COLUMN timeout_seconds;
ALTER TABLE jobs DROP COLUMN priority;
