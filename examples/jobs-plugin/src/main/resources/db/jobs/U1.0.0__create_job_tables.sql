-- Drops the job server's core tables, children before parents.
DROP TABLE provider_configs;
DROP TABLE audit_logs;
DROP TABLE job_queue;
DROP TABLE jobs;
DROP TABLE workers;
