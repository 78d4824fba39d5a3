package dev.tern.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sessions of each workload. */
final class Workloads {
    private Workloads() {
    }

    /** Fails the round when the database does not hold what the workload should have left. */
    static void verifyApplied(Connection c, Workload w, Migrator m) throws SQLException {
        // Every table exists with exactly one row: a step applied twice would have failed on its
        // CREATE TABLE or doubled its INSERT.
        // In chunks: H2's parser recurses once per UNION member.
        long once = 0;
        StringBuilder tables = new StringBuilder();
        int inChunk = 0;
        for (int p = 0; p < w.plugins(); p++) {
            for (int s = 1; s <= w.steps(); s++) {
                tables.append(inChunk++ == 0 ? "" : " UNION ALL ").append("SELECT COUNT(*) AS c FROM ").append(w.table(p, s));
                if (inChunk == 50 || p == w.plugins() - 1 && s == w.steps()) {
                    once += Queries.firstCount(c, "SELECT COUNT(*) FROM (" + tables + ") x WHERE c = 1");
                    tables.setLength(0);
                    inChunk = 0;
                }
            }
        }
        if (once != w.totalSteps()) {
            throw new AssertionError("expected " + w.totalSteps() + " tables with one row, found " + once);
        }
        long history = m.historyRows(c);
        if (history >= 0 && history != w.totalSteps()) {
            throw new AssertionError("expected " + w.totalSteps() + " history rows, found " + history);
        }
    }

    /** Cold apply: a fresh database every round, all steps applied. */
    static Contender cold(DatabaseKind kind, Path tempDir, Tool tool, Workload w, Path root) {
        return new Contender(tool.name(), () -> new Session() {
            private final Migrator m = tool.prepare(w, root);
            private final RoundTrips counts = new RoundTrips();
            private DatabaseKind.Fresh db;

            @Override
            public void beforeRound() throws SQLException {
                db = kind.create(tempDir, true);
            }

            @Override
            public void measured() throws Exception {
                m.migrate(new CountingDataSource(db.dataSource(), counts));
            }

            @Override
            public Map<String, Double> afterRound() throws SQLException {
                try (Connection c = db.connect()) {
                    verifyApplied(c, w, m);
                } finally {
                    db.close();
                    db = null;
                }
                return Map.of();
            }

            @Override
            public RoundTrips counts() {
                return counts;
            }

            @Override
            public void close() throws SQLException {
                if (db != null) {
                    db.close();
                }
            }
        });
    }

    /** Warm no-op start: one database, migrated once before the rounds; every round a full start. */
    static Contender warm(DatabaseKind kind, Path tempDir, Tool tool, Workload w, Path root) {
        return new Contender(tool.name(), () -> {
            Migrator m = tool.prepare(w, root);
            DatabaseKind.Fresh db = kind.create(tempDir, true);
            try {
                m.migrate(db.dataSource());
                try (Connection c = db.connect()) {
                    verifyApplied(c, w, m);
                }
            } catch (Exception | AssertionError e) {
                db.close();
                throw e;
            }
            return new Session() {
                private final RoundTrips counts = new RoundTrips();

                @Override
                public void measured() throws Exception {
                    m.noOpStart(new CountingDataSource(db.dataSource(), counts));
                }

                @Override
                public Map<String, Double> afterRound() throws SQLException {
                    try (Connection c = db.connect()) {
                        verifyApplied(c, w, m);
                    }
                    return Map.of();
                }

                @Override
                public RoundTrips counts() {
                    return counts;
                }

                @Override
                public void close() throws SQLException {
                    db.close();
                }
            };
        });
    }

    /**
     * Racing start: {@code nodes} threads, each with its own data source, released together on a
     * fresh database; the round fails unless every step was applied exactly once.
     */
    static Contender racing(DatabaseKind kind, Path tempDir, Tool tool, Workload w, Path root, int nodes) {
        return new Contender(tool.name() + " x" + nodes, () -> new Session() {
            private final Migrator m = tool.prepare(w, root);
            private final RoundTrips counts = new RoundTrips();
            private DatabaseKind.Fresh db;
            private int verified;

            @Override
            public void beforeRound() throws SQLException {
                db = kind.create(tempDir, true);
            }

            @Override
            public void measured() throws Exception {
                CyclicBarrier start = new CyclicBarrier(nodes);
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    CountingDataSource ds = new CountingDataSource(db.dataSource(), counts);
                    Thread t = new Thread(() -> {
                        try {
                            start.await(30, TimeUnit.SECONDS);
                            m.migrate(ds);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "node-" + i);
                    threads.add(t);
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
                if (!failures.isEmpty()) {
                    Throwable first = failures.get(0);
                    throw new IllegalStateException(failures.size() + " of " + nodes + " nodes failed: "
                            + Harness.describe(first), first);
                }
            }

            @Override
            public Map<String, Double> afterRound() throws SQLException {
                try (Connection c = db.connect()) {
                    verifyApplied(c, w, m);
                    verified++;
                } finally {
                    db.close();
                    db = null;
                }
                return Map.of();
            }

            @Override
            public RoundTrips counts() {
                return counts;
            }

            @Override
            public String note() {
                return verified == 0 ? "" : "every step once in " + verified + "/" + verified + " rounds";
            }

            @Override
            public void close() throws SQLException {
                if (db != null) {
                    db.close();
                }
            }
        });
    }

    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /**
     * Whole process: a new JVM that does the warm no-op start on an H2 file and exits, under
     * {@code /usr/bin/time -v}.
     */
    static Contender process(Path tempDir, Tool tool, String toolId, Workload w, Path root) {
        return new Contender(tool.name(), () -> {
            Migrator m = tool.prepare(w, root);
            DatabaseKind.Fresh db = DatabaseKind.H2_FILE.create(tempDir, false);
            m.migrate(db.dataSource());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of("/usr/bin/time", "-v", java, "-cp", System.getProperty("java.class.path"),
                    ProcessMain.class.getName(), toolId, Integer.toString(w.plugins()), Integer.toString(w.steps()),
                    root.toAbsolutePath().toString(), db.url());
            Path out = Files.createTempFile(tempDir, "process", ".out");
            Path err = Files.createTempFile(tempDir, "process", ".err");
            return new Session() {
                private final RoundTrips counts = new RoundTrips();

                @Override
                public void measured() throws Exception {
                    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    if (!p.waitFor(5, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                        throw new IllegalStateException("process did not finish in 5 minutes");
                    }
                    if (p.exitValue() != 0) {
                        throw new IllegalStateException("process exited with " + p.exitValue() + ": "
                                + Files.readString(err, StandardCharsets.UTF_8).lines().limit(5).toList());
                    }
                }

                @Override
                public Map<String, Double> afterRound() throws IOException {
                    String text = Files.readString(err, StandardCharsets.UTF_8);
                    String[] lines = Files.readString(out, StandardCharsets.UTF_8).strip().split("\n");
                    counts.add(RoundTrips.Counts.parse(lines[lines.length - 1]));
                    Matcher wall = find(WALL, text);
                    double wallSeconds = (wall.group(1) == null ? 0 : Double.parseDouble(wall.group(1)) * 3600)
                            + Double.parseDouble(wall.group(2)) * 60 + Double.parseDouble(wall.group(3));
                    return Map.of(
                            "wall s", wallSeconds,
                            "CPU s", Double.parseDouble(find(USER, text).group(1)) + Double.parseDouble(find(SYSTEM, text).group(1)),
                            "peak RSS MB", Double.parseDouble(find(RSS, text).group(1)) / 1024);
                }

                private Matcher find(Pattern pattern, String text) {
                    Matcher matcher = pattern.matcher(text);
                    if (!matcher.find()) {
                        throw new IllegalStateException("no '" + pattern + "' in the output of /usr/bin/time: " + text);
                    }
                    return matcher;
                }

                @Override
                public RoundTrips counts() {
                    return counts;
                }

                @Override
                public void close() throws Exception {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                    db.close();
                }
            };
        });
    }

    /** Data step: a fresh database with {@code rows} source rows every round; one Java step rewrites them. */
    static Contender data(DatabaseKind kind, Path tempDir, Tool tool, int rows) {
        return new Contender(tool.name(), () -> new Session() {
            private final Migrator m = tool.dataStep(rows);
            private final RoundTrips counts = new RoundTrips();
            private DatabaseKind.Fresh db;

            @Override
            public void beforeRound() throws SQLException {
                db = kind.create(tempDir, true);
                try (Connection c = db.connect()) {
                    DataRewrite.fill(c, kind, rows);
                }
            }

            @Override
            public void measured() throws Exception {
                m.migrate(new CountingDataSource(db.dataSource(), counts));
            }

            @Override
            public Map<String, Double> afterRound() throws SQLException {
                try (Connection c = db.connect()) {
                    long written = DataRewrite.written(c);
                    if (written != rows) {
                        throw new AssertionError("expected " + rows + " rewritten rows, found " + written);
                    }
                } finally {
                    db.close();
                    db = null;
                }
                return Map.of();
            }

            @Override
            public RoundTrips counts() {
                return counts;
            }

            @Override
            public String note() {
                return "all " + rows + " rows rewritten";
            }

            @Override
            public void close() throws SQLException {
                if (db != null) {
                    db.close();
                }
            }
        });
    }
}
