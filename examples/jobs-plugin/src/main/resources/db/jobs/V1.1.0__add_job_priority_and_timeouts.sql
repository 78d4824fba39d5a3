-- Jobs get a priority and an optional timeout; workers report their software version.
-- Portable SQL: the same script runs on H2, PostgreSQL and MariaDB.
ALTER TABLE jobs ADD COLUMN priority INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN timeout_seconds INTEGER;
ALTER TABLE workers ADD COLUMN app_version VARCHAR(32);
CREATE INDEX idx_jobs_type_status ON jobs (job_type, status);
CREATE INDEX idx_audit_logs_actor ON audit_logs (actor, created_at);
