-- Transactional outbox on MariaDB: AUTO_INCREMENT keys and JSON columns; MariaDB has no partial
-- indexes, so the relay's poll uses an index on (published_at, created_at).

CREATE TABLE outbox_events (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    aggregate_type VARCHAR(100) NOT NULL,
    aggregate_id   VARCHAR(100) NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    payload        JSON         NOT NULL,
    headers        JSON,
    attempts       INT          NOT NULL DEFAULT 0,
    created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    published_at   DATETIME(6),
    INDEX idx_outbox_events_aggregate (aggregate_type, aggregate_id, created_at),
    INDEX idx_outbox_events_unpublished (published_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE outbox_dlq (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id      BIGINT      NOT NULL,
    attempts      INT         NOT NULL,
    error_message TEXT        NOT NULL,
    failed_at     DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_outbox_dlq_event FOREIGN KEY (event_id) REFERENCES outbox_events (id) ON DELETE CASCADE,
    CONSTRAINT uq_outbox_dlq_event UNIQUE (event_id),
    INDEX idx_outbox_dlq_failed (failed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
