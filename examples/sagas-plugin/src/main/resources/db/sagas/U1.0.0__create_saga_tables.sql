-- Drops the saga tables, children before parents.
DROP TABLE saga_audit_events;
DROP TABLE saga_steps;
DROP TABLE sagas;
