package dev.tern.migration.jdbc.reliability;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.Step;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The plugins the racing and crashing nodes run, identical in the test JVM and in the node processes. */
final class NodePlugins {
    /** Steps of the racing plugin. */
    static final int RACE_STEPS = 20;
    /** Printed by a crashing node once its blocking step has made its first changes. */
    static final String STEP_RUNNING = "TERN-STEP-RUNNING";

    private NodePlugins() {
    }

    /**
     * Plugin {@code race}: step 1 creates {@code race_log (step, node)}; every step N creates table
     * {@code race_tN} and inserts (N, node) into {@code race_log}, so a step applied twice shows up
     * as a second row (or a failure on the existing table).
     *
     * @param node the node's name, recorded in {@code race_log}
     */
    static MigrationService race(String node) {
        List<Step> steps = new ArrayList<>();
        for (int n = 1; n <= RACE_STEPS; n++) {
            int step = n;
            steps.add(JavaStep.of(step + ".0.0", "race step " + step, ctx -> {
                try (Statement st = ctx.connection().createStatement()) {
                    if (step == 1) {
                        st.execute("CREATE TABLE race_log (step INT NOT NULL, node VARCHAR(100) NOT NULL)");
                    }
                    st.execute("CREATE TABLE race_t" + step + " (id INT NOT NULL)");
                }
                try (PreparedStatement ps = ctx.connection().prepareStatement("INSERT INTO race_log (step, node) VALUES (?, ?)")) {
                    ps.setInt(1, step);
                    ps.setString(2, node);
                    ps.executeUpdate();
                }
            }).withChecksum("race-" + step));
        }
        return service("race", steps);
    }

    /**
     * Plugin {@code crash}: 1.0.0 creates {@code crash_a}; 1.1.0 creates {@code crash_b} and inserts
     * a row, then, when {@code blocking}, prints {@link #STEP_RUNNING} and waits to be killed;
     * 1.2.0 creates {@code crash_c}.
     */
    static MigrationService crash(boolean blocking) {
        List<Step> steps = List.of(
                JavaStep.of("1.0.0", "create crash_a", ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("CREATE TABLE crash_a (id INT NOT NULL)");
                    }
                }).withChecksum("crash-1"),
                JavaStep.of("1.1.0", "create crash_b", ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("CREATE TABLE crash_b (id INT NOT NULL)");
                        st.execute("INSERT INTO crash_b (id) VALUES (1)");
                    }
                    if (blocking) {
                        System.out.println(STEP_RUNNING);
                        System.out.flush();
                        Thread.sleep(600_000); // far longer than the test; the test kills this process
                    }
                }).withChecksum("crash-2"),
                JavaStep.of("1.2.0", "create crash_c", ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("CREATE TABLE crash_c (id INT NOT NULL)");
                    }
                }).withChecksum("crash-3"));
        return service("crash", steps);
    }

    private static MigrationService service(String id, List<Step> steps) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return id;
            }

            @Override
            public List<Step> steps() {
                return steps;
            }
        };
    }
}
