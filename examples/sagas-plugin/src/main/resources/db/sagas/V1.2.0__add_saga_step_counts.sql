-- Sagas keep the number of their steps, so dashboards need not count saga_steps; step 1.3.0 fills it in.
ALTER TABLE sagas ADD COLUMN step_count INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX idx_saga_steps_status ON saga_steps (status);
