package dev.tern.benchmarks;

import dev.tern.migration.jdbc.DataSources;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class CountingDataSourceTest {

    @Test
    void countsEveryCallThatGoesToTheDatabase() throws Exception {
        RoundTrips counts = new RoundTrips();
        CountingDataSource ds = new CountingDataSource(
                DataSources.fromUrl("jdbc:h2:mem:counting;DB_CLOSE_DELAY=-1", "sa", ""), counts);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.executeUpdate("INSERT INTO t VALUES (1)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                ps.setInt(1, 2);
                ps.addBatch();
                ps.setInt(1, 3);
                ps.addBatch();
                ps.executeBatch();
            }
            c.commit();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "T", null)) {
                assertThat(rs.next()).isTrue();
            }
            // A statement reached back from the metadata's connection is counted too.
            try (Statement s = c.getMetaData().getConnection().createStatement()) {
                s.execute("DELETE FROM t");
            }
            c.rollback();
            c.createStatement().execute("DROP TABLE t");
        }
        assertThat(counts.snapshot()).isEqualTo(new RoundTrips.Counts(1, 5, 1, 1, 1));
        assertThat(counts.snapshot().roundTrips()).isEqualTo(9);
    }

    @Test
    void unwrapToTheProxiedInterfaceKeepsCounting() throws Exception {
        RoundTrips counts = new RoundTrips();
        CountingDataSource ds = new CountingDataSource(
                DataSources.fromUrl("jdbc:h2:mem:unwrap;DB_CLOSE_DELAY=-1", "sa", ""), counts);
        try (Connection c = ds.getConnection()) {
            Connection same = c.unwrap(Connection.class);
            try (Statement s = same.createStatement()) {
                s.execute("SELECT 1");
            }
        }
        assertThat(counts.snapshot().statements()).isEqualTo(1);
    }

    @Test
    void countsSurviveAChildProcessRoundTrip() {
        RoundTrips.Counts c = new RoundTrips.Counts(2, 3, 4, 5, 6);
        assertThat(RoundTrips.Counts.parse(c.format())).isEqualTo(c);
    }
}
