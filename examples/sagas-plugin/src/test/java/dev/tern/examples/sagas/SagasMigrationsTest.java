package dev.tern.examples.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SagasMigrationsTest {

    @Test
    void isFoundByServiceLoaderWithItsIdAndPriority() {
        assertThat(ServiceLoader.load(MigrationService.class).stream().map(ServiceLoader.Provider::get).toList())
                .singleElement().satisfies(plugin -> {
                    assertThat(plugin).isInstanceOf(SagasMigrations.class);
                    assertThat(plugin.pluginId()).isEqualTo("sagas");
                    assertThat(plugin.priority()).isEqualTo(30);
                });
    }

    @Test
    void stepsAreThreeReversibleScriptsAndOneReversibleJavaStep() {
        assertThat(new SagasMigrations().steps())
                .extracting(s -> s.version().toString(), Step::kind, Step::reversible).containsExactly(
                        tuple("1.0.0", StepKind.SQL, true),
                        tuple("1.1.0", StepKind.SQL, true),
                        tuple("1.2.0", StepKind.SQL, true),
                        tuple("1.3.0", StepKind.JAVA, true));
    }

    @Test
    void statusTriggerIsPlPgSqlOnPostgreSqlADelimitedBlockOnMariaDbAndAJavaClassOnH2() {
        SqlStep trigger = (SqlStep) new SagasMigrations().steps().get(1);

        assertThat(trigger.up().get("postgresql").content()).contains("LANGUAGE plpgsql AS $$");
        assertThat(trigger.up().get("mariadb").content()).contains("DELIMITER $$").contains("END$$");
        assertThat(trigger.up().get("h2").content()).contains("CALL '" + dev.tern.examples.sagas.h2.SagaStatusAuditTrigger.class.getName() + "'");
        assertThat(trigger.down()).containsOnlyKeys(SqlStep.UNIVERSAL, "postgresql");
    }

    @Test
    void h2TriggerAuditsStatusChangesOnly() throws SQLException {
        SqlStep create = (SqlStep) new SagasMigrations().steps().get(0);
        SqlStep trigger = (SqlStep) new SagasMigrations().steps().get(1);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:sagas-trigger", "sa", "");
             Statement st = connection.createStatement()) {
            // H2 executes scripts itself here; Tern's own splitter is exercised by the app's end-to-end tests.
            st.execute("RUNSCRIPT FROM 'classpath:/" + create.up().get("h2").source() + "'");
            st.execute("RUNSCRIPT FROM 'classpath:/" + trigger.up().get("h2").source() + "'");

            st.executeUpdate("INSERT INTO sagas (saga_type, correlation_id) VALUES ('order', 'c-1')");
            st.executeUpdate("UPDATE sagas SET saga_type = 'refund' WHERE correlation_id = 'c-1'");
            st.executeUpdate("UPDATE sagas SET status = 'COMPENSATING' WHERE correlation_id = 'c-1'");
            st.executeUpdate("UPDATE sagas SET status = 'COMPENSATED' WHERE correlation_id = 'c-1'");

            List<String> audit = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT old_status, new_status FROM saga_audit_events ORDER BY id")) {
                while (rs.next()) {
                    audit.add(rs.getString(1) + "->" + rs.getString(2));
                }
            }
            assertThat(audit).containsExactly("STARTED->COMPENSATING", "COMPENSATING->COMPENSATED");
        }
    }
}
