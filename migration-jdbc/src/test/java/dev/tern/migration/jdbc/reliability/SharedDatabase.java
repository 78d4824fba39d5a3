package dev.tern.migration.jdbc.reliability;

import dev.tern.migration.jdbc.DataSources;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.tools.Server;

/**
 * An empty database that several processes can reach at once and that outlives any of them: a
 * fresh PostgreSQL schema or MariaDB database from {@link TestDatabases}, or, for H2, a database
 * served by an H2 TCP server this test starts in a temporary directory (so a killed client
 * process is one session gone, as on a server database). Close it to drop it.
 */
final class SharedDatabase implements AutoCloseable {
    final TestDatabase kind;
    final String url;
    final String user;
    final String password;
    private final FreshDatabase fresh;
    private final Server server;

    private SharedDatabase(TestDatabase kind, String url, String user, String password, FreshDatabase fresh, Server server) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.fresh = fresh;
        this.server = server;
    }

    static SharedDatabase create(TestDatabase kind, Path tempDir) throws SQLException {
        if (kind == TestDatabase.H2) {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", tempDir.toString()).start();
            return new SharedDatabase(kind, "jdbc:h2:tcp://localhost:" + server.getPort() + "/shared", "sa", "", null, server);
        }
        FreshDatabase fresh = TestDatabases.create(kind);
        return new SharedDatabase(kind, fresh.jdbcUrl(), fresh.user(), fresh.password(), fresh, null);
    }

    /** @return a new non-pooled data source: every connection is its own session */
    DataSource dataSource() {
        return DataSources.fromUrl(url, user, password);
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<String> strings(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (fresh != null) {
            fresh.close();
        }
    }

    @Override
    public String toString() {
        return kind + (server != null ? " (TCP server)" : "");
    }
}
