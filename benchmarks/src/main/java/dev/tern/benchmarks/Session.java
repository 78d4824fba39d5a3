package dev.tern.benchmarks;

import java.util.Map;

/**
 * One contender in one measured cell: set up once, then measured once per round. Only
 * {@link #measured()} is timed and counted.
 */
public interface Session extends AutoCloseable {

    /** Untimed preparation of one round (a fresh database for a cold apply). */
    default void beforeRound() throws Exception {
    }

    /** The measured action. */
    void measured() throws Exception;

    /**
     * Untimed check and clean-up of one round.
     *
     * @return extra figures of the round (e.g. CPU seconds), by name; medians are reported
     * @throws Exception if the round's result is wrong (a step applied twice, rows missing)
     */
    default Map<String, Double> afterRound() throws Exception {
        return Map.of();
    }

    /** @return where the measured action's JDBC calls are counted */
    RoundTrips counts();

    /** @return a note for the table (what was verified), empty for none */
    default String note() {
        return "";
    }

    @Override
    void close() throws Exception;
}
