package dev.tern.migration.core;

import java.util.random.RandomGenerator;

/** A jitter source whose {@link #nextDouble()} always returns one value, for exact delays. */
final class FixedRandom implements RandomGenerator {
    private final double value;

    FixedRandom(double value) {
        this.value = value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is used");
    }

    @Override
    public double nextDouble() {
        return value;
    }
}
