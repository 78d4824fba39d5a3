package dev.tern.migration.api;

import java.time.Duration;

/**
 * Waits between two attempts of a step. The orchestrator calls it with each backoff delay; tests
 * give one that records the delays and returns at once, so they never sleep.
 *
 * <p>Implementations must be safe to call from the thread running the migrations.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for the given time.
     *
     * @param delay how long to wait, not null, never negative
     * @throws InterruptedException if the waiting thread is interrupted; the orchestrator then stops
     *     retrying, records the step as failed and keeps the thread's interrupt status set
     */
    void sleep(Duration delay) throws InterruptedException;

    /**
     * The real sleeper: {@link Thread#sleep(long, int)}. Thread-safe.
     *
     * @return a sleeper that blocks the calling thread for the delay
     */
    static Sleeper system() {
        return delay -> {
            long nanos = delay.toNanos();
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        };
    }
}
