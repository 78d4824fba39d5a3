package dev.tern.migration.jdbc.testing;

import dev.tern.migration.jdbc.DataSources;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Creates a fresh, empty, uniquely named database for a test, on H2, PostgreSQL or MariaDB.
 *
 * <ul>
 *   <li>H2: {@code jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1}, user {@code sa}; close runs {@code SHUTDOWN}.</li>
 *   <li>PostgreSQL: a schema {@code <name>} in the server database; the URL carries
 *       {@code currentSchema=<name>} so it works on its own; close drops the schema with
 *       {@code CASCADE}.</li>
 *   <li>MariaDB: a database {@code <name>}; the URL names it; close drops it.</li>
 * </ul>
 *
 * <p>Servers and credentials, from a system property, else an environment variable, else the default:
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code tern.pg.url}</td><td>{@code TERN_PG_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:5432/test}</td></tr>
 *   <tr><td>{@code tern.pg.user}</td><td>{@code TERN_PG_USER}</td><td>{@code postgres}</td></tr>
 *   <tr><td>{@code tern.pg.password}</td><td>{@code TERN_PG_PASSWORD}</td><td>empty</td></tr>
 *   <tr><td>{@code tern.mariadb.url}</td><td>{@code TERN_MARIADB_URL}</td><td>{@code jdbc:mariadb://127.0.0.1:3306} (server, no database)</td></tr>
 *   <tr><td>{@code tern.mariadb.user}</td><td>{@code TERN_MARIADB_USER}</td><td>{@code root}</td></tr>
 *   <tr><td>{@code tern.mariadb.password}</td><td>{@code TERN_MARIADB_PASSWORD}</td><td>empty</td></tr>
 * </table>
 *
 * <p>An unreachable server aborts the test with a visible message (e.g. "PostgreSQL not reachable
 * at 127.0.0.1:5432, skipping"), unless system property {@code tern.db.required} is {@code true},
 * in which case the test fails. The first failure to connect is remembered, so later tests skip at
 * once.
 *
 * <p>Thread-safe.
 */
public final class TestDatabases {
    private static final Map<TestDatabase, String> UNREACHABLE = new ConcurrentHashMap<>();

    private TestDatabases() {
    }

    /**
     * Creates a fresh, empty, uniquely named schema (PostgreSQL: schema + {@code ?currentSchema=}, so
     * the URL works on its own), database (MariaDB) or in-memory H2 database. If the server is
     * unreachable: when system property {@code tern.db.required} is {@code "true"}, fails the test
     * with a clear message; otherwise aborts it ({@link Assumptions#abort(String)}) with a visible
     * message such as "PostgreSQL not reachable at 127.0.0.1:5432, skipping".
     *
     * @param kind which database
     * @return the fresh database; close it to drop it
     */
    public static FreshDatabase create(TestDatabase kind) {
        String name = "tern_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (kind) {
            case H2 -> h2(name);
            case POSTGRESQL -> postgresql(name);
            case MARIADB -> mariadb(name);
        };
    }

    private static FreshDatabase h2(String name) {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        return new Fresh(TestDatabase.H2, name, url, "sa", "", "SHUTDOWN", url);
    }

    private static FreshDatabase postgresql(String name) {
        String url = setting("tern.pg.url", "TERN_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = setting("tern.pg.user", "TERN_PG_USER", "postgres");
        String password = setting("tern.pg.password", "TERN_PG_PASSWORD", "");
        execute(TestDatabase.POSTGRESQL, "PostgreSQL", url, user, password, "CREATE SCHEMA " + name);
        String fresh = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new Fresh(TestDatabase.POSTGRESQL, name, fresh, user, password, "DROP SCHEMA IF EXISTS " + name + " CASCADE", url);
    }

    private static FreshDatabase mariadb(String name) {
        String server = setting("tern.mariadb.url", "TERN_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306");
        String user = setting("tern.mariadb.user", "TERN_MARIADB_USER", "root");
        String password = setting("tern.mariadb.password", "TERN_MARIADB_PASSWORD", "");
        execute(TestDatabase.MARIADB, "MariaDB", server, user, password, "CREATE DATABASE " + name + " DEFAULT CHARACTER SET utf8mb4");
        int query = server.indexOf('?');
        String base = query < 0 ? server : server.substring(0, query);
        String params = query < 0 ? "" : server.substring(query);
        String fresh = (base.endsWith("/") ? base : base + "/") + name + params;
        return new Fresh(TestDatabase.MARIADB, name, fresh, user, password, "DROP DATABASE IF EXISTS " + name, server);
    }

    /** Runs one administrative statement, turning "cannot connect" into an abort or a failure. */
    private static void execute(TestDatabase kind, String product, String url, String user, String password, String sql) {
        String known = UNREACHABLE.get(kind);
        if (known != null) {
            unreachable(known, null);
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            String message = product + " not reachable at " + hostAndPort(url) + ", skipping (" + e.getMessage() + ")";
            UNREACHABLE.putIfAbsent(kind, message);
            unreachable(message, e);
            return;
        }
        try (c; Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + product + " at " + hostAndPort(url) + ": " + e.getMessage(), e);
        }
    }

    private static void unreachable(String message, Throwable cause) {
        if (Boolean.getBoolean("tern.db.required")) {
            Assertions.fail(message.replace(", skipping", "") + "; tern.db.required=true, so database tests must run", cause);
        }
        Assumptions.abort(message);
    }

    private static String hostAndPort(String jdbcUrl) {
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return jdbcUrl;
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(environment);
        }
        return value == null ? fallback : value;
    }

    private static final class Fresh implements FreshDatabase {
        private final TestDatabase kind;
        private final String name;
        private final String url;
        private final String user;
        private final String password;
        private final String dropSql;
        private final String adminUrl;
        private final DataSource dataSource;
        private final AtomicBoolean closed = new AtomicBoolean();

        Fresh(TestDatabase kind, String name, String url, String user, String password, String dropSql, String adminUrl) {
            this.kind = kind;
            this.name = name;
            this.url = url;
            this.user = user;
            this.password = password;
            this.dropSql = dropSql;
            this.adminUrl = adminUrl;
            this.dataSource = DataSources.fromUrl(url, user, password);
        }

        @Override
        public TestDatabase kind() {
            return kind;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String jdbcUrl() {
            return url;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String password() {
            return password;
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
                st.execute(dropSql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop " + kind.name().toLowerCase(Locale.ROOT) + " test database "
                        + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }
}
