package dev.tern.migration.jdbc.reliability;

import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.DataSources;
import dev.tern.migration.jdbc.JdbcDatabases;
import dev.tern.migration.jdbc.JdbcLocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One migrating node in its own JVM, started by the reliability tests.
 *
 * <p>Arguments: {@code race|crash|lease url user password startFile nodeName millis}. In mode
 * {@code lease} the node takes a lease lock of {@code millis}, prints {@value #LEASE_HELD} and
 * sleeps until killed (its heartbeat renewing the lease). Otherwise {@code millis} is the lock
 * timeout, and the node
 * builds its orchestrator, opens one connection to warm up, prints {@value #READY}, waits until
 * {@code startFile} exists (the start barrier shared by every node), runs {@code runAll()} and
 * prints one result line: {@code TERN-RESULT ok applied=<n>} or
 * {@code TERN-RESULT error code=<code> <message on one line>}; the exit code is 0 or 1.
 */
public final class NodeMain {
    /** Printed when the node waits at the start barrier. */
    static final String READY = "TERN-READY";
    /** The start of the result line. */
    static final String RESULT = "TERN-RESULT ";
    /** Printed by a node in mode {@code lease} once it holds the lease. */
    static final String LEASE_HELD = "TERN-LEASE-HELD";

    private NodeMain() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if the node cannot even start
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        DataSource dataSource = DataSources.fromUrl(args[1], args[2], args[3]);
        Path start = Path.of(args[4]);
        String node = args[5];
        if ("lease".equals(mode)) {
            Duration lease = Duration.ofMillis(Long.parseLong(args[6]));
            Dialect dialect = JdbcDatabases.open(dataSource, HistoryLocation.defaults()).dialect();
            JdbcLocks.lease(dataSource, dialect, HistoryLocation.defaults(), lease).acquire(Duration.ofSeconds(30));
            System.out.println(LEASE_HELD);
            System.out.flush();
            Thread.sleep(600_000); // the test kills this process
            return;
        }
        Orchestrator tern = Orchestrator.builder()
                .dataSource(dataSource)
                .discovery(false)
                .addService("race".equals(mode) ? NodePlugins.race(node) : NodePlugins.crash(true))
                .installedBy(node)
                .lockTimeout(Duration.ofMillis(Long.parseLong(args[6])))
                .build();
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        }
        System.out.println(READY);
        System.out.flush();
        while (!Files.exists(start)) {
            Thread.onSpinWait();
            Thread.sleep(2);
        }
        int exit;
        try {
            MigrationReport report = tern.runAll();
            System.out.println(RESULT + "ok applied=" + report.appliedCount());
            exit = 0;
        } catch (MigrationException e) {
            System.out.println(RESULT + "error code=" + e.code() + " " + e.getMessage().replace('\n', ' '));
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }
}
