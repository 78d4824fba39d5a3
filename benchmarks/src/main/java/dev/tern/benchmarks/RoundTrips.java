package dev.tern.benchmarks;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the JDBC calls that cost a round trip to the database (or, for connections, several):
 * connections opened, statements executed, commits, rollbacks and metadata queries. Thread-safe:
 * the racing workload shares one counter between four nodes.
 */
public final class RoundTrips {
    private final LongAdder connections = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final LongAdder metadata = new LongAdder();

    void connection() {
        connections.increment();
    }

    void statement() {
        statements.increment();
    }

    void commit() {
        commits.increment();
    }

    void rollback() {
        rollbacks.increment();
    }

    void metadata() {
        metadata.increment();
    }

    /**
     * Adds counts made elsewhere (by a child process).
     *
     * @param c the counts to add
     */
    public void add(Counts c) {
        connections.add(c.connections());
        statements.add(c.statements());
        commits.add(c.commits());
        rollbacks.add(c.rollbacks());
        metadata.add(c.metadata());
    }

    /** Sets every count back to zero. */
    public void reset() {
        connections.reset();
        statements.reset();
        commits.reset();
        rollbacks.reset();
        metadata.reset();
    }

    /** @return the counts so far */
    public Counts snapshot() {
        return new Counts(connections.sum(), statements.sum(), commits.sum(), rollbacks.sum(), metadata.sum());
    }

    /**
     * Counts of one measured action.
     *
     * @param connections physical connections opened ({@code DataSource.getConnection})
     * @param statements statements executed ({@code execute*}, one per {@code executeBatch})
     * @param commits explicit commits
     * @param rollbacks explicit rollbacks (whole or to a savepoint)
     * @param metadata {@code DatabaseMetaData} calls that return a result set (each is a query)
     */
    public record Counts(long connections, long statements, long commits, long rollbacks, long metadata) {
        /** @return every counted call: the round trips the action made, connections counted once */
        public long roundTrips() {
            return connections + statements + commits + rollbacks + metadata;
        }

        /** @return the counts as one line of five numbers, as {@link #parse} reads them */
        public String format() {
            return connections + " " + statements + " " + commits + " " + rollbacks + " " + metadata;
        }

        /**
         * @param line five numbers separated by spaces
         * @return the counts
         * @throws NumberFormatException if the line is not five numbers
         */
        public static Counts parse(String line) {
            String[] p = line.trim().split(" ");
            if (p.length != 5) {
                throw new NumberFormatException("not five counts: " + line);
            }
            return new Counts(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                    Long.parseLong(p[4]));
        }
    }
}
