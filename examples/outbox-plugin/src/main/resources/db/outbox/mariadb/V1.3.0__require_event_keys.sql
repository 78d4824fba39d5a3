-- Every event has a key since 1.2.0 backfilled them: make it mandatory. MariaDB redefines the column.
ALTER TABLE outbox_events MODIFY COLUMN event_key VARCHAR(200) NOT NULL;
