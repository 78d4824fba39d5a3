package dev.tern.migration.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDatabasesTests {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void freshDatabaseIsEmptyUniqueReachableByUrlAndDroppedOnClose(TestDatabase kind) throws SQLException {
        FreshDatabase db = TestDatabases.create(kind);
        try (FreshDatabase other = TestDatabases.create(kind)) {
            assertThat(db.kind()).isEqualTo(kind);
            assertThat(db.name()).matches("tern_[0-9a-f]{16}").isNotEqualTo(other.name());
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE probe (id INT)");
                assertThat(currentSchema(c, kind)).isEqualToIgnoringCase(kind == TestDatabase.H2 ? "PUBLIC" : db.name());
            }
            try (Connection c = other.dataSource().getConnection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery("SELECT * FROM probe")).isInstanceOf(SQLException.class);
            }
        } finally {
            db.close();
            db.close();
        }
        assertThat(exists(db)).isFalse();
    }

    private static String currentSchema(Connection c, TestDatabase kind) throws SQLException {
        String sql = switch (kind) {
            case H2 -> "SELECT CURRENT_SCHEMA";
            case POSTGRESQL -> "SELECT current_schema()";
            case MARIADB -> "SELECT DATABASE()";
        };
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether the dropped schema, database or H2 database still exists. */
    private static boolean exists(FreshDatabase db) throws SQLException {
        if (db.kind() == TestDatabase.H2) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + db.name() + ";IFEXISTS=TRUE", db.user(), db.password())) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
        // PostgreSQL schemas and MariaDB databases are both listed here.
        String sql = "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?";
        try (FreshDatabase probe = TestDatabases.create(db.kind());
             Connection c = probe.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
