package dev.tern.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The floor: the same statements executed in a loop on one auto-commit connection, with no
 * history, no lock and no validation. Its no-op start is one connection and one query (does the
 * last step's table answer?), what hand-written start-up code would do.
 */
public final class RawJdbcTool implements Tool {
    /** The name in the tables. */
    public static final String NAME = "raw JDBC";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean racingSafe() {
        return false;
    }

    @Override
    public Migrator prepare(Workload workload, Path root) {
        List<String> statements = new ArrayList<>();
        for (int p = 0; p < workload.plugins(); p++) {
            for (int s = 1; s <= workload.steps(); s++) {
                statements.addAll(workload.statements(p, s));
            }
        }
        String check = "SELECT COUNT(*) FROM " + workload.table(workload.plugins() - 1, workload.steps());
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) throws SQLException {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    for (String sql : statements) {
                        st.execute(sql);
                    }
                }
            }

            @Override
            public void noOpStart(DataSource dataSource) throws SQLException {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery(check)) {
                    rs.next();
                }
            }

            @Override
            public long historyRows(Connection connection) {
                return -1;
            }
        };
    }

    @Override
    public Migrator dataStep(int rows) {
        return new Migrator() {
            @Override
            public void migrate(DataSource dataSource) throws SQLException {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    DataRewrite.rewrite(c, rows);
                    c.commit();
                }
            }

            @Override
            public long historyRows(Connection connection) {
                return -1;
            }
        };
    }
}
