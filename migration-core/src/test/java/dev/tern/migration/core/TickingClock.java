package dev.tern.migration.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves forward by a fixed tick every time it is read, so tests never depend on real time. */
final class TickingClock extends Clock {
    private final Duration tick;
    private Instant now;

    TickingClock(Instant start, Duration tick) {
        this.now = start;
        this.tick = tick;
    }

    @Override
    public synchronized Instant instant() {
        Instant current = now;
        now = now.plus(tick);
        return current;
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
