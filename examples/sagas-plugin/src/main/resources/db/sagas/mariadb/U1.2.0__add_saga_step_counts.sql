-- Undoes 1.2.0 on MariaDB, where DROP INDEX names the table.
DROP INDEX idx_saga_steps_status ON saga_steps;
ALTER TABLE sagas DROP COLUMN step_count;
