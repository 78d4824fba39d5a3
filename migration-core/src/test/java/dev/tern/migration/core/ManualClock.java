package dev.tern.migration.core;

import dev.tern.migration.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when its {@link #sleeper()} is asked to sleep, and records every delay:
 * retry tests get exact delays and never sleep.
 */
final class ManualClock extends Clock {
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** @return a sleeper that advances this clock by the delay and records it */
    Sleeper sleeper() {
        return delay -> {
            sleeps.add(delay);
            advance(delay);
        };
    }

    /** @return every delay slept, in order */
    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
