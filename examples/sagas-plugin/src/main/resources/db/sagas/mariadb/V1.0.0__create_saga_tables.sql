-- Sagas on MariaDB: AUTO_INCREMENT keys, a JSON context, DATETIME(6) timestamps, InnoDB for foreign keys.

CREATE TABLE sagas (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    saga_type      VARCHAR(100) NOT NULL,
    correlation_id VARCHAR(100) NOT NULL,
    status         VARCHAR(20)  NOT NULL DEFAULT 'STARTED',
    context        JSON         NOT NULL DEFAULT '{}',
    created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_sagas_correlation UNIQUE (correlation_id),
    CONSTRAINT ck_sagas_status CHECK (status IN ('STARTED', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
    INDEX idx_sagas_type_status (saga_type, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE saga_steps (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    saga_id     BIGINT       NOT NULL,
    step_index  INT          NOT NULL,
    step_name   VARCHAR(100) NOT NULL,
    status      VARCHAR(20)  NOT NULL DEFAULT 'PENDING',
    started_at  DATETIME(6),
    finished_at DATETIME(6),
    CONSTRAINT fk_saga_steps_saga FOREIGN KEY (saga_id) REFERENCES sagas (id) ON DELETE CASCADE,
    CONSTRAINT uq_saga_steps_index UNIQUE (saga_id, step_index),
    CONSTRAINT ck_saga_steps_status CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'COMPENSATED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE saga_audit_events (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    saga_id    BIGINT      NOT NULL,
    old_status VARCHAR(20),
    new_status VARCHAR(20) NOT NULL,
    changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_saga_audit_events_saga FOREIGN KEY (saga_id) REFERENCES sagas (id) ON DELETE CASCADE,
    INDEX idx_saga_audit_events_saga (saga_id, changed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
