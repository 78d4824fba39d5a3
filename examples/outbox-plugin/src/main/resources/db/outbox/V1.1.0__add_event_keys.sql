-- Events get an idempotency key (filled for existing events by the Java step 1.2.0, required
-- from 1.3.0 on) and a partition key, so the relay can publish one aggregate's events in order.
ALTER TABLE outbox_events ADD COLUMN event_key VARCHAR(200);
ALTER TABLE outbox_events ADD COLUMN partition_key VARCHAR(100);
CREATE UNIQUE INDEX uq_outbox_events_event_key ON outbox_events (event_key);
