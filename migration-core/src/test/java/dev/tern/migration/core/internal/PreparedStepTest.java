package dev.tern.migration.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.JavaStep;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreparedStepTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COMMIT|true", "commit work|true", "END|true", "ROLLBACK|true", "BEGIN|true", "begin transaction|true",
            "START TRANSACTION|true", "ROLLBACK TO SAVEPOINT s1|false", "BEGIN ATOMIC SELECT 1; END|false",
            "BEGIN NOT ATOMIC SELECT 1; END|false", "CREATE TABLE commit_log (id INT)|false", "COMMITTED_AT|false",
            "ENDPOINT|false", "INSERT INTO t VALUES ('COMMIT')|false"})
    void transactionControlIsRecognisedByTheLeadingKeyword(String sql, boolean controls) {
        PreparedStep step = new PreparedStep("p", JavaStep.of("1", "d", ctx -> { }), null, "V1__d.sql",
                List.of(new SqlStatement("CREATE TABLE t (id INT)", 1), new SqlStatement(sql, 2)));
        assertThat(step.controlsTransactions()).isEqualTo(controls);
    }
}
