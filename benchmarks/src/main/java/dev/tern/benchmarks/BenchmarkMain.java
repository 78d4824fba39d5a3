package dev.tern.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The one benchmark command: runs the workloads of issue 5 on every database and prints a
 * markdown report (progress goes to standard error, the report to standard output).
 */
public final class BenchmarkMain {
    // Held so that the JUL configuration is not garbage-collected away.
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    private BenchmarkMain() {
    }

    /** Keeps the tools' logging (slf4j-simple, JUL) to warnings, so that printing is not measured. */
    static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The MariaDB driver logs every server error at WARN, including the ones tools expect
        // (probing for a history table that does not exist yet).
        System.setProperty("org.slf4j.simpleLogger.log.org.mariadb.jdbc", "error");
        System.setProperty("liquibase.analytics.enabled", "false");
        // When a racing node leaves Liquibase's lock row held, the others would wait 5 minutes
        // (the default) before failing; 1 minute shows the same failure sooner. A successful
        // wait for another node's migration takes seconds, so no measured time changes.
        System.setProperty("liquibase.changeLogLockWaitTimeInMinutes", "1");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    /**
     * @param args see {@link Options#USAGE}
     * @throws Exception if the run cannot be set up
     */
    public static void main(String[] args) throws Exception {
        quietLogging();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = java.util.Arrays.asList(args).contains("--help");
            (help ? System.out : System.err).println(e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        PrintStream progress = System.err;
        Instant started = Instant.now();
        String loadBefore = load();
        Path temp = Files.createTempDirectory("tern-bench");
        Report report = new Report();
        try {
            run(options, temp, report, progress);
        } finally {
            deleteTree(temp);
        }
        Duration took = Duration.between(started, Instant.now());
        StringBuilder md = new StringBuilder();
        md.append("## Run of ").append(DateTimeFormatter.ISO_INSTANT.format(started.atOffset(ZoneOffset.UTC).toInstant()))
                .append("\n\n").append(environment(options, args, loadBefore, took)).append('\n');
        md.append("### Targets\n\n").append(report.targets()).append('\n');
        md.append(report.markdown());
        System.out.println(md);
        if (options.out() != null) {
            Files.writeString(options.out(), md);
        }
    }

    private static void run(Options o, Path temp, Report report, PrintStream progress) throws IOException {
        Map<String, Tool> all = Tools.all();
        List<Tool> tools = o.tools().stream().map(all::get).toList();
        Map<Workload, Path> roots = new HashMap<>();
        java.util.function.Function<Workload, Path> root = w -> roots.computeIfAbsent(w, k -> {
            try {
                Path dir = Files.createDirectories(temp.resolve("files-" + k.plugins() + "x" + k.steps()));
                k.write(dir);
                return dir;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (String workload : o.workloads()) {
            progress.println("== " + workload);
            switch (workload) {
                case "cold", "warm" -> {
                    List<List<Result>> cells = new ArrayList<>();
                    for (DatabaseKind db : o.databases()) {
                        for (int n : o.sizes()) {
                            Workload w = new Workload(1, n);
                            List<Contender> contenders = tools.stream().map(t -> workload.equals("cold")
                                    ? Workloads.cold(db, temp, t, w, root.apply(w))
                                    : Workloads.warm(db, temp, t, w, root.apply(w))).toList();
                            // N = 1000 rounds are long; when smaller N ran just before, the JIT is warm.
                            boolean warmedUp = o.sizes().stream().anyMatch(m -> m < n);
                            Harness h = n >= 1000 ? new Harness(warmedUp ? 0 : 1, o.bigRounds(), progress)
                                    : new Harness(o.warmups(), o.rounds(), progress);
                            cells.add(h.run(db.id() + " N=" + n, db.id(), Integer.toString(n), contenders));
                        }
                    }
                    report.add(workload.equals("cold")
                            ? new Report.Section("cold", "Cold apply",
                                    "An empty database, all N steps applied: the first start of a new installation.", cells)
                            : new Report.Section("warm", "Warm no-op start",
                                    "All N steps already applied; one full start (configure, discover, read the history,"
                                            + " validate, return) that finds nothing to do: what every later start of every"
                                            + " node pays. Raw JDBC's floor is one connection and one query.", cells));
                }
                case "plugins" -> {
                    List<List<Result>> cells = new ArrayList<>();
                    Workload w = new Workload(20, 50);
                    for (DatabaseKind db : o.databases()) {
                        List<Contender> contenders = tools.stream()
                                .map(t -> Workloads.warm(db, temp, t, w, root.apply(w))).toList();
                        cells.add(new Harness(o.workloads().contains("warm") ? 0 : 1, o.bigRounds(), progress)
                                .run(db.id() + " 20x50", db.id(), "20x50", contenders));
                    }
                    report.add(new Report.Section("plugins", "Warm no-op start, 20 plugins × 50 steps",
                            "The same no-op start for an application of 20 plugins with 50 steps each. Flyway: one"
                                    + " history table and one migrate() per plugin (its one-version-line model);"
                                    + " Liquibase: one update per plugin changelog on one connection and history"
                                    + " table; Tern: one runAll() for all plugins.", cells));
                }
                case "racing" -> {
                    List<List<Result>> cells = new ArrayList<>();
                    Workload w = new Workload(1, 100);
                    for (DatabaseKind db : o.databases()) {
                        List<Contender> contenders = new ArrayList<>();
                        for (Tool t : tools) {
                            if (t.racingSafe()) {
                                contenders.add(Workloads.racing(db, temp, t, w, root.apply(w), 4));
                                contenders.add(Workloads.racing(db, temp, t, w, root.apply(w), 1));
                            }
                        }
                        cells.add(new Harness(o.warmups(), o.racingRounds(), progress)
                                .run(db.id() + " racing", db.id(), "100", contenders));
                    }
                    report.add(new Report.Section("racing", "Racing start",
                            "4 nodes, each with its own DataSource, released together on an empty database (N = 100),"
                                    + " against one node alone; every round checks that each step's table holds"
                                    + " exactly one row and the history exactly N successful records. Raw JDBC has"
                                    + " no lock and cannot take part.", cells));
                }
                case "process" -> {
                    Workload w = new Workload(1, 100);
                    List<Contender> contenders = new ArrayList<>();
                    for (Map.Entry<String, Tool> e : all.entrySet()) {
                        if (tools.contains(e.getValue())) {
                            contenders.add(Workloads.process(temp, e.getValue(), e.getKey(), w, root.apply(w)));
                        }
                    }
                    List<Result> cell = new Harness(1, o.processRounds(), progress).run("process", "h2-file", "100", contenders);
                    report.add(new Report.Section("process", "Whole process",
                            "A new JVM that does the warm no-op start on an H2 file (N = 100) and exits, under"
                                    + " /usr/bin/time -v: what a command-line tool or a short-lived container pays."
                                    + " Includes JVM start-up and class loading; the JDBC counts are the child's.",
                            List.of(cell)));
                }
                case "data" -> {
                    List<Tool> dataTools = o.dataTools().stream().map(all::get).toList();
                    List<List<Result>> cells = new ArrayList<>();
                    for (DatabaseKind db : o.databases()) {
                        int warmRows = Math.max(1_000, o.dataRows() / 10);
                        new Harness(0, 1, progress).run(db.id() + " data warm-up", db.id(), Integer.toString(warmRows),
                                dataTools.stream().map(t -> Workloads.data(db, temp, t, warmRows)).toList());
                        cells.add(new Harness(0, o.dataRounds(), progress).run(db.id() + " data", db.id(),
                                Integer.toString(o.dataRows()),
                                dataTools.stream().map(t -> Workloads.data(db, temp, t, o.dataRows())).toList()));
                    }
                    report.add(new Report.Section("data", "Data step",
                            "One Java step that rewrites every row of a table into another, " + DataRewrite.BATCH
                                    + " rows per read and per JDBC batch, in the tool's transaction; raw JDBC runs the"
                                    + " same code in one transaction of its own. One warm-up round with a tenth of the"
                                    + " rows.", cells));
                }
                default -> throw new IllegalStateException(workload);
            }
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The version of the jar that holds {@code type}: its Maven pom.properties, else its manifest. */
    private static String version(String group, String artifact, Class<?> type) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = type.getResourceAsStream(path)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "?");
            }
        } catch (IOException e) {
            // Fall back to the manifest.
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Path.of(type.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toFile())) {
            java.util.jar.Attributes a = jar.getManifest().getMainAttributes();
            String v = a.getValue("Implementation-Version");
            return v != null ? v : a.getValue("Bundle-Version");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String serverVersion(String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            String[] words = rs.getString(1).split(" ");
            return words[0].startsWith("PostgreSQL") ? words[0] + " " + words[1] : "MariaDB " + words[0];
        } catch (Exception e) {
            return "unreachable";
        }
    }

    private static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String environment(Options o, String[] args, String loadBefore, Duration took) {
        return "- command: `java -jar benchmarks/target/tern-benchmarks.jar" + (args.length == 0 ? "" : " " + String.join(" ", args))
                + "`\n"
                + "- machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores available, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + "; load average (1, 5, 15 min) before: " + loadBefore + ", after: " + load() + "\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB\n"
                + "- versions: Tern " + version("dev.tern", "migration-core", dev.tern.migration.core.Orchestrator.class) + ", Flyway " + version("org.flywaydb", "flyway-core", org.flywaydb.core.Flyway.class)
                + ", Liquibase " + version("org.liquibase", "liquibase-core", liquibase.Scope.class) + ", H2 " + version("com.h2database", "h2", org.h2.Driver.class)
                + ", PostgreSQL JDBC " + version("org.postgresql", "postgresql", org.postgresql.Driver.class) + ", MariaDB JDBC "
                + version("org.mariadb.jdbc", "mariadb-java-client", org.mariadb.jdbc.Driver.class) + "; servers: "
                + serverVersion("jdbc:postgresql://" + System.getProperty("tern.bench.postgresql", "127.0.0.1:5432") + "/test", "postgres")
                + ", " + serverVersion("jdbc:mariadb://" + System.getProperty("tern.bench.mariadb", "127.0.0.1:3306") + "/test", "root") + "\n"
                + "- rounds: " + o.warmups() + " warm-up + " + o.rounds() + " measured (N < 1000), " + o.bigRounds()
                + " measured (N = 1000, 20 × 50; no warm-up when smaller workloads ran just before), racing " + o.warmups() + " + " + o.racingRounds() + ", whole process 1 + "
                + o.processRounds() + ", data step 1 (a tenth of the rows) + "
                + o.dataRounds() + "; tools in rotating order; times are medians of the measured rounds, ratios are"
                + " medians of per-round ratios; JDBC counts are those of the last measured round\n"
                + "- run time: " + took.toMinutes() + " min " + took.toSecondsPart() + " s\n";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
