package dev.tern.migration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DataSourcesTests {

    @Test
    void fromUrlOpensANewConnectionEachTime() throws SQLException {
        DataSource ds = DataSources.fromUrl("jdbc:h2:mem:datasources_from_url;DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection(); Statement st = a.createStatement()) {
            assertThat(a).isNotSameAs(b);
            st.execute("SHUTDOWN");
        }
        assertThat(ds.toString()).contains("jdbc:h2:mem:datasources_from_url").doesNotContain("sa");
    }

    @Test
    void fromUrlWithoutDriverFailsOnConnect() {
        DataSource ds = DataSources.fromUrl("jdbc:tern-no-such-driver:x", null, null);
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    }

    @Test
    void hikariBuildsAPoolThatUnwrapsAndCloses() throws SQLException {
        // Without DB_CLOSE_DELAY the in-memory database goes away with the pool's last connection.
        PooledDataSource pool = DataSources.hikari("jdbc:h2:mem:datasources_hikari", "sa", "");
        try (pool) {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                assertThat(st.execute("SELECT 1")).isTrue();
            }
            assertThat(pool.isWrapperFor(HikariDataSource.class)).isTrue();
            assertThat(pool.unwrap(HikariDataSource.class).getMaximumPoolSize()).isPositive();
        }
        assertThat(pool.unwrap(HikariDataSource.class).isClosed()).isTrue();
    }
}
