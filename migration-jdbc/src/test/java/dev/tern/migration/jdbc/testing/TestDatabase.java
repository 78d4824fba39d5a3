package dev.tern.migration.jdbc.testing;

/** The databases the shared contract tests run on; see {@link TestDatabases#create(TestDatabase)}. */
public enum TestDatabase {
    /** H2 in memory; always available. */
    H2,
    /** PostgreSQL server (default 127.0.0.1:5432, database {@code test}, user {@code postgres}). */
    POSTGRESQL,
    /** MariaDB server (default 127.0.0.1:3306, user {@code root}, empty password). */
    MARIADB
}
