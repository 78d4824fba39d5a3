-- Undoes 1.1.0 on MariaDB, where DROP INDEX names the table.
DROP INDEX uq_outbox_events_event_key ON outbox_events;
ALTER TABLE outbox_events DROP COLUMN partition_key;
ALTER TABLE outbox_events DROP COLUMN event_key;
