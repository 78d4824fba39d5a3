-- Drops the outbox tables, the dead-letter queue first.
DROP TABLE outbox_dlq;
DROP TABLE outbox_events;
