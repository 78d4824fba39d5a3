package dev.tern.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line. Without options: the full run. {@code --quick}: a short run for development.
 *
 * @param databases the databases
 * @param sizes the values of N
 * @param workloads the workloads by id
 * @param tools the tools by id
 * @param warmups warm-up rounds of the in-JVM workloads
 * @param rounds measured rounds of the in-JVM workloads with N below 1,000
 * @param bigRounds measured rounds with N = 1,000 and the 20 x 50 plugin workload (one warm-up round unless
 *     smaller workloads ran just before, warming the JIT)
 * @param racingRounds measured rounds of the racing start
 * @param processRounds measured rounds of the whole-process workload (plus one warm-up)
 * @param dataRounds measured rounds of the data step (plus one warm-up with a tenth of the rows)
 * @param dataRows rows the data step rewrites
 * @param dataTools the tools of the data step (by default Tern and raw JDBC, the comparison the issue asks for)
 * @param out a file to write the markdown report to, or null
 */
public record Options(List<DatabaseKind> databases, List<Integer> sizes, Set<String> workloads, List<String> tools,
                      int warmups, int rounds, int bigRounds, int racingRounds, int processRounds, int dataRounds,
                      int dataRows, List<String> dataTools, Path out) {

    /** Every workload id, in the order they run. */
    public static final List<String> WORKLOADS = List.of("cold", "warm", "plugins", "racing", "process", "data");

    static final String USAGE = """
            usage: java -jar benchmarks/target/tern-benchmarks.jar [options]
              --help                this text
              (no options)          the full run: every database, N = 10, 100, 1000, every workload
              --quick               a short run: h2-mem and postgresql, N = 10 and 100, few rounds, 100,000 data rows
              --databases LIST      h2-mem,h2-file,postgresql,mariadb
              --sizes LIST          values of N, e.g. 10,100,1000
              --workloads LIST      cold,warm,plugins,racing,process,data
              --tools LIST          tern,flyway,liquibase,raw
              --warmups N           warm-up rounds (default 1)
              --rounds N            measured rounds for N < 1000 (default 5)
              --big-rounds N        measured rounds for N = 1000 and 20x50 plugins (default 3; 1 warm-up
                                    unless smaller workloads ran just before)
              --racing-rounds N     measured rounds of the racing start (default 5)
              --process-rounds N    measured rounds of the whole-process workload (default 5)
              --data-rounds N       measured rounds of the data step (default 3)
              --data-rows N         rows of the data step (default 1000000)
              --data-tools LIST     tools of the data step (default tern,raw; flyway and liquibase run it too)
              --out FILE            also write the markdown report to FILE
            PostgreSQL: system property tern.bench.postgresql (default 127.0.0.1:5432, user postgres, database test);
            MariaDB: tern.bench.mariadb (default 127.0.0.1:3306, user root).""";

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException on an unknown option or a bad value, and for {@code --help} (its
 *     message is then the usage)
     */
    public static Options parse(String... args) {
        List<DatabaseKind> databases = List.of(DatabaseKind.values());
        List<Integer> sizes = List.of(10, 100, 1000);
        Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
        List<String> tools = List.of("tern", "flyway", "liquibase", "raw");
        int warmups = 1;
        int rounds = 5;
        int bigRounds = 3;
        int racingRounds = 5;
        List<String> dataTools = List.of("tern", "raw");
        int processRounds = 5;
        int dataRounds = 3;
        int dataRows = 1_000_000;
        Path out = null;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.contains("--help")) {
            throw new IllegalArgumentException(USAGE);
        }
        if (rest.remove("--quick")) {
            databases = List.of(DatabaseKind.H2_MEM, DatabaseKind.POSTGRESQL);
            sizes = List.of(10, 100);
            warmups = 1;
            rounds = 3;
            bigRounds = 2;
            racingRounds = 2;
            processRounds = 2;
            dataRounds = 1;
            dataRows = 100_000;
        }
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = rest.get(++i);
            switch (option) {
                case "--databases" -> databases = Arrays.stream(value.split(",")).map(DatabaseKind::of).toList();
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "--workloads" -> {
                    workloads = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    for (String w : workloads) {
                        if (!WORKLOADS.contains(w)) {
                            throw new IllegalArgumentException("unknown workload '" + w + "' (known: " + WORKLOADS + ")");
                        }
                    }
                }
                case "--tools" -> {
                    tools = Arrays.asList(value.split(","));
                    tools.forEach(Tools::byId);
                }
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--big-rounds" -> bigRounds = Integer.parseInt(value);
                case "--racing-rounds" -> racingRounds = Integer.parseInt(value);
                case "--data-tools" -> {
                    dataTools = Arrays.asList(value.split(","));
                    dataTools.forEach(Tools::byId);
                }
                case "--process-rounds" -> processRounds = Integer.parseInt(value);
                case "--data-rounds" -> dataRounds = Integer.parseInt(value);
                case "--data-rows" -> dataRows = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new Options(databases, sizes, workloads, tools, warmups, rounds, bigRounds, racingRounds, processRounds,
                dataRounds, dataRows, dataTools, out);
    }
}
