-- Undoes 1.1.0 on H2 and PostgreSQL, where an index name is unique in the schema.
DROP INDEX uq_outbox_events_event_key;
ALTER TABLE outbox_events DROP COLUMN partition_key;
ALTER TABLE outbox_events DROP COLUMN event_key;
