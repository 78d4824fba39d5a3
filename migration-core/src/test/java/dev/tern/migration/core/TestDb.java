package dev.tern.migration.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A private H2 in-memory database for one test; closing it drops everything. */
final class TestDb implements AutoCloseable {
    final UrlDataSource dataSource;
    final String url;

    private TestDb(String name) {
        url = "jdbc:h2:mem:" + name + "_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        dataSource = new UrlDataSource(url);
        execute("select 1");
    }

    /** A database whose test dialect has transactional DDL. */
    static TestDb transactional() {
        return new TestDb("tern");
    }

    /** A database whose test dialect has no transactional DDL, as MariaDB. */
    static TestDb nonTransactional() {
        return new TestDb("tern_nontx");
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        return column(sql).stream().mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    List<String> column(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean tableExists(String table) {
        return count("select count(*) from information_schema.tables where upper(table_name) = '"
                + table.toUpperCase() + "'") > 0;
    }

    /** @return how often the test provider's lock of this database was taken */
    int lockAcquisitions() {
        // H2 reports the URL without its settings, which is what the provider keys the lock on.
        return CountingLock.forUrl(url.substring(0, url.indexOf(';'))).acquisitions();
    }

    @Override
    public void close() {
        execute("shutdown");
    }
}
