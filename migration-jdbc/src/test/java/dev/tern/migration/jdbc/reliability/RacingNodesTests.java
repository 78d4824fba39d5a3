package dev.tern.migration.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight nodes start at the same moment on an empty database: four threads of this JVM, each with
 * its own data source (own sessions), and four JVMs, released together by a start barrier. Every
 * node must succeed, and every step must be applied exactly once.
 */
class RacingNodesTests {
    private static final int THREADS = 4;
    private static final int PROCESSES = 4;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eightNodesOnAnEmptyDatabaseApplyEveryStepExactlyOnce(TestDatabase kind) throws Exception {
        Path start = dir.resolve("start");
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<NodeProcess> processes = new ArrayList<>();
        try (SharedDatabase db = SharedDatabase.create(kind, dir)) {
            for (int i = 1; i <= PROCESSES; i++) {
                processes.add(NodeProcess.start("race", db, start, "jvm-" + i, LOCK_TIMEOUT, dir));
            }
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<MigrationReport>> reports = new ArrayList<>();
            for (int i = 1; i <= THREADS; i++) {
                String node = "thread-" + i;
                Orchestrator tern = Orchestrator.builder().dataSource(db.dataSource()).discovery(false)
                        .addService(NodePlugins.race(node)).installedBy(node).lockTimeout(LOCK_TIMEOUT).build();
                reports.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return tern.runAll();
                }));
            }
            for (NodeProcess p : processes) {
                p.await(NodeMain.READY, STARTUP);
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            long began = System.nanoTime();
            Files.createFile(start);
            go.countDown();

            int applied = 0;
            int idle = 0;
            for (Future<MigrationReport> f : reports) {
                MigrationReport report = f.get(2, TimeUnit.MINUTES);
                applied += report.appliedCount();
                idle += report.appliedCount() == 0 ? 1 : 0;
            }
            for (NodeProcess p : processes) {
                String result = p.await(NodeMain.RESULT, Duration.ofMinutes(2));
                assertThat(result).as("node %s; stderr: %s", p.name(), p.stderr()).startsWith(NodeMain.RESULT + "ok applied=");
                int n = Integer.parseInt(result.substring((NodeMain.RESULT + "ok applied=").length()));
                applied += n;
                idle += n == 0 ? 1 : 0;
            }
            long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            int steps = NodePlugins.RACE_STEPS;
            assertThat(applied).as("steps applied, summed over the nodes' reports").isEqualTo(steps);
            assertThat(db.count("SELECT COUNT(*) FROM race_log")).as("rows inserted by the steps").isEqualTo(steps);
            assertThat(db.count("SELECT COUNT(DISTINCT step) FROM race_log")).isEqualTo(steps);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE plugin_id = 'race' AND status = 'SUCCESS'"))
                    .as("SUCCESS rows").isEqualTo(steps);
            assertThat(db.count("SELECT COUNT(DISTINCT version) FROM tern_history WHERE plugin_id = 'race'"
                    + " AND status = 'SUCCESS'")).isEqualTo(steps);
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE status = 'FAILED'")).as("FAILED rows").isZero();
            // Where steps run without a transaction (H2, MariaDB) each has one STARTED marker, and no more.
            assertThat(db.count("SELECT COUNT(*) FROM tern_history WHERE status = 'STARTED'")).as("STARTED markers")
                    .isEqualTo(kind == TestDatabase.POSTGRESQL ? 0 : steps);
            List<String> appliers = db.strings("SELECT DISTINCT node FROM race_log");
            System.out.printf("TERN-FIGURE race %s: %d nodes (%d threads + %d JVMs), %d steps applied once each,"
                            + " 0 duplicates, 0 failed, %d node(s) found nothing to do, applied by %s, %d ms from release%n",
                    db, THREADS + PROCESSES, THREADS, PROCESSES, steps, idle, appliers, wallMs);
        } finally {
            threads.shutdownNow();
            for (NodeProcess p : processes) {
                p.close();
            }
        }
    }
}
