/**
 * Tern plugin {@code jobs}: the core tables of a job server (workers, jobs, job_queue, audit_logs,
 * provider_configs). Its scripts live in {@code db/jobs} inside this jar.
 */
module dev.tern.examples.jobs {
    requires transitive dev.tern.migration.spi;

    exports dev.tern.examples.jobs;

    provides dev.tern.migration.spi.MigrationService with dev.tern.examples.jobs.JobsMigrations;
}
