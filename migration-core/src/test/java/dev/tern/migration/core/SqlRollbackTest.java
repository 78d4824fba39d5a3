package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.RepairResult;
import dev.tern.migration.api.ValidationResult;
import dev.tern.migration.api.Version;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQL down scripts and repair on H2 in memory, through the test-only provider and its history store. */
class SqlRollbackTest {
    private final TestDb db = TestDb.transactional();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static SqlStep sql(String version, String up, String down) {
        return new SqlStep(Version.parse(version), "step " + version,
                Map.of(SqlStep.UNIVERSAL, new SqlScript("db/jobs/V" + version + "__step.sql", up)),
                Map.of(SqlStep.UNIVERSAL, new SqlScript("db/jobs/U" + version + "__step.sql", down)), true);
    }

    private Orchestrator tern(MigrationService... services) {
        return Orchestrator.builder().dataSource(db.dataSource).discovery(false).addService(services)
                .installedBy("tester").build();
    }

    private static MigrationService jobs(String seedDown) {
        return FakeService.of("jobs", sql("1", "create table accounts (id int primary key)", "drop table accounts"),
                sql("2", "insert into accounts values (1); insert into accounts values (2)", seedDown));
    }

    @Test
    void downScriptsRunNewestFirstAndAreRecordedAsDownRows() {
        tern(jobs("delete from accounts where id in (1, 2)")).runAll();

        tern(jobs("delete from accounts where id in (1, 2)")).rollback("jobs", "1");

        assertThat(db.count("select count(*) from accounts")).isZero();
        assertThat(db.column("select version || ' ' || direction || ' ' || status from tern_history order by id"))
                .containsExactly("1.0.0 UP SUCCESS", "2.0.0 UP SUCCESS", "2.0.0 DOWN SUCCESS");
        assertThat(db.column("select checksum from tern_history where direction = 'DOWN'"))
                .containsExactly(new SqlScript("x", "delete from accounts where id in (1, 2)").checksum());

        tern(jobs("delete from accounts where id in (1, 2)")).rollback("jobs", "0");
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void aFailingDownScriptInATransactionLeavesNothingBehind() {
        tern(jobs("delete from accounts where id = 1; insert into nope values (1)")).runAll();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> tern(jobs("delete from accounts where id = 1; insert into nope values (1)")).rollback("jobs", "1"));

        assertThat(failure.getCause()).hasMessageContaining("db/jobs/U2__step.sql:1")
                .hasMessageContaining("rolled back");
        assertThat(db.count("select count(*) from accounts")).as("the delete was rolled back").isEqualTo(2);
        assertThat(db.column("select direction || ' ' || status from tern_history order by id"))
                .containsExactly("UP SUCCESS", "UP SUCCESS", "DOWN FAILED");
        // In a transaction nothing was kept: validation passes, the repair clears the trace.
        assertThat(tern(jobs("delete from accounts")).validate().isValid()).isTrue();
        RepairResult repair = tern(jobs("delete from accounts")).repair();
        assertThat(repair.changes()).extracting(RepairResult.Change::action)
                .containsExactly(RepairResult.Action.FAILED_ROW_REMOVED);
        tern(jobs("delete from accounts")).rollback("jobs", "1");
        assertThat(db.count("select count(*) from accounts")).isZero();
    }

    @Test
    void repairRealignsTheChecksumOfAnEditedScriptInTheDatabaseHistory() {
        tern(jobs("delete from accounts")).runAll();
        MigrationService edited = FakeService.of("jobs",
                sql("1", "create table accounts (id int primary key) -- reviewed", "drop table accounts"),
                sql("2", "insert into accounts values (1); insert into accounts values (2)", "delete from accounts"));
        assertThat(tern(edited).validate().problems()).extracting(ValidationResult.Problem::code)
                .containsExactly(ErrorCode.CHECKSUM_MISMATCH);

        tern(edited).repair();

        assertThat(tern(edited).validate().isValid()).isTrue();
        assertThat(db.column("select kind from tern_history order by id")).containsExactly("SQL", "SQL", "REPAIR");
    }
}
