package dev.tern.benchmarks;

import dev.tern.migration.jdbc.DataSources;
import java.nio.file.Path;

/**
 * The whole-process workload's child: a JVM that does one warm no-op start and exits, printing
 * its JDBC counts as the last line of its output. Arguments: tool id, plugins, steps per plugin,
 * the workload's file root, the JDBC URL (user {@code sa}, no password: H2).
 */
public final class ProcessMain {
    private ProcessMain() {
    }

    /**
     * @param args tool id, plugins, steps, root, url
     * @throws Exception whatever the start throws; the exit status is then not zero
     */
    public static void main(String[] args) throws Exception {
        BenchmarkMain.quietLogging();
        Tool tool = Tools.byId(args[0]);
        Workload workload = new Workload(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        RoundTrips counts = new RoundTrips();
        tool.prepare(workload, Path.of(args[3])).noOpStart(new CountingDataSource(DataSources.fromUrl(args[4], "sa", ""), counts));
        System.out.println(counts.snapshot().format());
    }
}
