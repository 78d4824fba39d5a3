package dev.tern.benchmarks;

import dev.tern.migration.jdbc.DataSources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The databases the benchmarks run on, and how a fresh one is made for a workload. PostgreSQL and
 * MariaDB are reached at the addresses in the system properties {@code tern.bench.postgresql}
 * (default {@code 127.0.0.1:5432}, user {@code postgres}, database {@code test}) and
 * {@code tern.bench.mariadb} (default {@code 127.0.0.1:3306}, user {@code root}).
 */
public enum DatabaseKind {
    /** H2 in memory: the floor of what a database costs. */
    H2_MEM("h2-mem"),
    /** H2 in a file in a temporary directory: an embedded application. */
    H2_FILE("h2-file"),
    /** PostgreSQL over TCP; every workload gets its own schema. */
    POSTGRESQL("postgresql"),
    /** MariaDB over TCP; every workload gets its own database. */
    MARIADB("mariadb");

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    /** @return the short name used in options and tables */
    public String id() {
        return id;
    }

    /**
     * @param id a short name, as {@link #id()}
     * @return the kind
     * @throws IllegalArgumentException if no kind has that name
     */
    public static DatabaseKind of(String id) {
        for (DatabaseKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown database '" + id + "' (known: h2-mem, h2-file, postgresql, mariadb)");
    }

    private static String postgresHost() {
        return System.getProperty("tern.bench.postgresql", "127.0.0.1:5432");
    }

    private static String mariadbHost() {
        return System.getProperty("tern.bench.mariadb", "127.0.0.1:3306");
    }

    /**
     * Creates an empty database (schema on PostgreSQL) with a unique name.
     *
     * @param tempDir where H2 files go
     * @param keepOpen for H2: keep the database open between connections, as an application's pool does
     * @return the database; close it to drop it
     * @throws SQLException if it cannot be created
     */
    public Fresh create(Path tempDir, boolean keepOpen) throws SQLException {
        String name = "tb_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        switch (this) {
            case H2_MEM:
                return new Fresh(this, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
            case H2_FILE:
                return new Fresh(this, name, "jdbc:h2:file:" + tempDir.resolve(name).toAbsolutePath()
                        + (keepOpen ? ";DB_CLOSE_DELAY=-1" : ""), "sa", "");
            case POSTGRESQL:
                admin("jdbc:postgresql://" + postgresHost() + "/test", "postgres", "CREATE SCHEMA " + name);
                return new Fresh(this, name, "jdbc:postgresql://" + postgresHost() + "/test?currentSchema=" + name,
                        "postgres", "");
            case MARIADB:
                admin("jdbc:mariadb://" + mariadbHost() + "/test", "root", "CREATE DATABASE " + name);
                return new Fresh(this, name, "jdbc:mariadb://" + mariadbHost() + "/" + name, "root", "");
            default:
                throw new IllegalStateException(name());
        }
    }

    private static void admin(String url, String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * One fresh database. Closing drops it (H2: shuts it down and deletes its files).
     *
     * @param kind the kind
     * @param name its unique name
     * @param url the JDBC URL for the tools
     * @param user the user
     * @param password the password
     */
    public record Fresh(DatabaseKind kind, String name, String url, String user, String password) implements AutoCloseable {
        /** @return a new non-pooled data source on this database */
        public DataSource dataSource() {
            return DataSources.fromUrl(url, user, password);
        }

        /** @return a connection for set-up and checks, not counted */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public void close() throws SQLException {
            switch (kind) {
                case H2_MEM, H2_FILE -> {
                    try (Connection c = connect(); Statement s = c.createStatement()) {
                        s.execute("DROP ALL OBJECTS DELETE FILES");
                    }
                }
                case POSTGRESQL -> admin("jdbc:postgresql://" + postgresHost() + "/test", "postgres",
                        "DROP SCHEMA " + name + " CASCADE");
                case MARIADB -> admin("jdbc:mariadb://" + mariadbHost() + "/test", "root", "DROP DATABASE " + name);
                default -> throw new IllegalStateException(kind.name());
            }
        }
    }
}
