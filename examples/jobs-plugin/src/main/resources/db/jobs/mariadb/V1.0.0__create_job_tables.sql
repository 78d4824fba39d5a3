-- The job server's core tables on MariaDB: AUTO_INCREMENT keys, JSON (checked LONGTEXT),
-- DATETIME(6) in UTC (TIMESTAMP would add MariaDB's implicit ON UPDATE behaviour), InnoDB for foreign keys.

CREATE TABLE workers (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    hostname          VARCHAR(255) NOT NULL,
    status            VARCHAR(16)  NOT NULL DEFAULT 'IDLE',
    capacity          INT          NOT NULL DEFAULT 1,
    started_at        DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    last_heartbeat_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT ck_workers_status CHECK (status IN ('IDLE', 'BUSY', 'DRAINING', 'OFFLINE')),
    CONSTRAINT ck_workers_capacity CHECK (capacity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE jobs (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_type     VARCHAR(100) NOT NULL,
    payload      JSON         NOT NULL DEFAULT '{}',
    status       VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    attempts     INT          NOT NULL DEFAULT 0,
    max_attempts INT          NOT NULL DEFAULT 5,
    worker_id    VARCHAR(64),
    last_error   TEXT,
    scheduled_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    created_at   DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at   DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_jobs_worker FOREIGN KEY (worker_id) REFERENCES workers (id) ON DELETE SET NULL,
    CONSTRAINT ck_jobs_status CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    INDEX idx_jobs_status_scheduled (status, scheduled_at),
    INDEX idx_jobs_worker (worker_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE job_queue (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id       BIGINT       NOT NULL,
    queue_name   VARCHAR(100) NOT NULL DEFAULT 'default',
    priority     INT          NOT NULL DEFAULT 0,
    available_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    locked_by    VARCHAR(64),
    locked_until DATETIME(6),
    CONSTRAINT fk_job_queue_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_queue_worker FOREIGN KEY (locked_by) REFERENCES workers (id) ON DELETE SET NULL,
    CONSTRAINT uq_job_queue_job UNIQUE (job_id),
    INDEX idx_job_queue_poll (queue_name, priority DESC, available_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE audit_logs (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id     BIGINT,
    actor      VARCHAR(100) NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    details    JSON,
    created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_audit_logs_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE SET NULL,
    INDEX idx_audit_logs_job (job_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE provider_configs (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider   VARCHAR(64) NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT TRUE,
    settings   JSON        NOT NULL DEFAULT '{}',
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_provider_configs_provider UNIQUE (provider)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
