-- Undoes 1.2.0 on H2 and PostgreSQL, where an index name is unique in the schema.
DROP INDEX idx_saga_steps_status;
ALTER TABLE sagas DROP COLUMN step_count;
