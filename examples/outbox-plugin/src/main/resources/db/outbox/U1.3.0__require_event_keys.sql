ALTER TABLE outbox_events ALTER COLUMN event_key DROP NOT NULL;
