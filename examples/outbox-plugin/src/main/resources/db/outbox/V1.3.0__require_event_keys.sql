-- Every event has a key since 1.2.0 backfilled them: make it mandatory (H2 and PostgreSQL syntax).
ALTER TABLE outbox_events ALTER COLUMN event_key SET NOT NULL;
