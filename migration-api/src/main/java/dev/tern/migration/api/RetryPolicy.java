package dev.tern.migration.api;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a step that fails with a transient error (connection loss, serialization failure, deadlock,
 * lock timeout, as classified by the database's dialect) is attempted again: at most
 * {@link #maxAttempts()} attempts in all, waiting an exponentially growing, jittered delay between
 * two attempts, and never beyond {@link #maxTotalTime()} after the first attempt started. A
 * permanent error (a syntax error, a constraint violation) is never retried.
 *
 * <p>The delay after failed attempt {@code n} (1-based) is
 * {@code base = min(maxDelay, initialDelay * multiplier^(n-1))}, then jittered uniformly within
 * {@code base * (1 - jitter)} and {@code base * (1 + jitter)}; see {@link #delayAfter}. The
 * orchestrator shortens it to the time left under {@link #maxTotalTime()}, and stops retrying when
 * no time is left.
 *
 * <p>Built by {@link #builder()}, which starts from {@link #defaults()} and validates in
 * {@link Builder#build()}, as Failsafe's {@code RetryPolicy.builder()}. Immutable and thread-safe.
 */
public final class RetryPolicy {
    /** The longest duration any parameter may take: {@code Long.MAX_VALUE} nanoseconds, about 292 years. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private static final RetryPolicy DEFAULTS = new RetryPolicy(5, Duration.ofMillis(200), 2.0,
            Duration.ofSeconds(10), 0.2, Duration.ofMinutes(2));

    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0,
            Duration.ofNanos(1));

    private final int maxAttempts;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration maxTotalTime;

    private RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
                        Duration maxTotalTime) {
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.maxTotalTime = maxTotalTime;
    }

    /**
     * The default policy: 5 attempts, 200 ms initial delay, multiplier 2, at most 10 s between two
     * attempts, jitter 0.2 (±20 %), at most 2 minutes in all. Delays before jitter: 200 ms, 400 ms,
     * 800 ms, 1.6 s.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A policy that never retries: one attempt.
     *
     * @return the policy with {@code maxAttempts == 1}
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /** @return a builder holding the {@linkplain #defaults() defaults} */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** @return a builder holding this policy's parameters, to derive a policy from it */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the most attempts of one step, the first included; 1 means no retry */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the delay after the first failed attempt, before jitter; zero or positive */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return the factor applied to the delay after each further failed attempt; 1 or more */
    public double multiplier() {
        return multiplier;
    }

    /** @return the largest delay before jitter; at least {@link #initialDelay()} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the jitter as a fraction of the delay, in [0, 1]: 0.2 spreads a delay over ±20 % */
    public double jitter() {
        return jitter;
    }

    /**
     * @return the longest time from the start of a step's first attempt to the start of its last
     *     one, measured with the orchestrator's clock; positive
     */
    public Duration maxTotalTime() {
        return maxTotalTime;
    }

    /** @return true if this policy allows more than one attempt */
    public boolean retries() {
        return maxAttempts > 1;
    }

    /**
     * The delay to wait after a failed attempt, before the next one, ignoring
     * {@link #maxTotalTime()}: {@code base = min(maxDelay, initialDelay * multiplier^(attempt-1))},
     * then {@code base * (1 + jitter * (2u - 1))} where {@code u = random.nextDouble()} in [0, 1).
     * With jitter 0, or {@code u == 0.5}, the delay is exactly {@code base}.
     *
     * @param attempt the number of the attempt that failed, 1 for the first
     * @param random the source of the jitter, not null; used once, even when the jitter is 0
     * @return the delay, never negative
     * @throws IllegalArgumentException if {@code attempt} is less than 1
     */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
        Objects.requireNonNull(random, "random");
        double u = random.nextDouble();
        double base = Math.min(nanos(maxDelay), nanos(initialDelay) * Math.pow(multiplier, attempt - 1));
        double jittered = base * (1.0 + jitter * (2.0 * u - 1.0));
        // Rounded to the nanosecond; Math.round saturates at Long.MAX_VALUE. NaN cannot occur (all factors are finite).
        return Duration.ofNanos(Math.round(Math.max(0.0, jittered)));
    }

    private static double nanos(Duration d) {
        return d.getSeconds() * 1e9 + d.getNano();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && initialDelay.equals(p.initialDelay)
                && Double.compare(multiplier, p.multiplier) == 0 && maxDelay.equals(p.maxDelay)
                && Double.compare(jitter, p.jitter) == 0 && maxTotalTime.equals(p.maxTotalTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialDelay, multiplier, maxDelay, jitter, maxTotalTime);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", multiplier="
                + multiplier + ", maxDelay=" + maxDelay + ", jitter=" + jitter + ", maxTotalTime=" + maxTotalTime
                + "]";
    }

    /**
     * Builds a {@link RetryPolicy}. Setters refuse null at once; {@link #build()} checks the ranges
     * and names the bad parameter. Not thread-safe; build, then share the immutable policy.
     */
    public static final class Builder {
        private int maxAttempts;
        private Duration initialDelay;
        private double multiplier;
        private Duration maxDelay;
        private double jitter;
        private Duration maxTotalTime;

        private Builder(RetryPolicy from) {
            this.maxAttempts = from.maxAttempts;
            this.initialDelay = from.initialDelay;
            this.multiplier = from.multiplier;
            this.maxDelay = from.maxDelay;
            this.jitter = from.jitter;
            this.maxTotalTime = from.maxTotalTime;
        }

        /**
         * @param value the most attempts, the first included; 1 or more (1: no retry); default 5
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /**
         * @param value the delay after the first failed attempt; zero or positive; default 200 ms
         * @return this builder
         * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if null
         */
        public Builder initialDelay(Duration value) {
            this.initialDelay = notNull(value, "initialDelay");
            return this;
        }

        /**
         * @param value the factor between two successive delays; finite, 1 or more; default 2
         * @return this builder
         */
        public Builder multiplier(double value) {
            this.multiplier = value;
            return this;
        }

        /**
         * @param value the largest delay before jitter; at least the initial delay; default 10 s
         * @return this builder
         * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if null
         */
        public Builder maxDelay(Duration value) {
            this.maxDelay = notNull(value, "maxDelay");
            return this;
        }

        /**
         * @param value the jitter as a fraction of each delay, in [0, 1]; default 0.2 (±20 %)
         * @return this builder
         */
        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        /**
         * @param value the longest time from the start of the first attempt to the start of the
         *     last one; positive; default 2 minutes
         * @return this builder
         * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if null
         */
        public Builder maxTotalTime(Duration value) {
            this.maxTotalTime = notNull(value, "maxTotalTime");
            return this;
        }

        /**
         * Checks the parameters and builds the policy.
         *
         * @return the policy
         * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) naming the parameter and its
         *     value if {@code maxAttempts < 1}, {@code initialDelay} is negative, {@code multiplier}
         *     is below 1 or not finite, {@code maxDelay} is below {@code initialDelay},
         *     {@code jitter} is outside [0, 1], {@code maxTotalTime} is not positive, or a duration
         *     exceeds about 292 years ({@code Long.MAX_VALUE} nanoseconds)
         */
        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw bad("maxAttempts must be 1 or more, was " + maxAttempts);
            }
            if (initialDelay.isNegative()) {
                throw bad("initialDelay must not be negative, was " + initialDelay);
            }
            if (!Double.isFinite(multiplier) || multiplier < 1.0) {
                throw bad("multiplier must be a finite number, 1 or more, was " + multiplier);
            }
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw bad("maxDelay must be at least initialDelay (" + initialDelay + "), was " + maxDelay);
            }
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw bad("jitter must be a fraction in [0, 1], was " + jitter);
            }
            if (maxTotalTime.isZero() || maxTotalTime.isNegative()) {
                throw bad("maxTotalTime must be positive, was " + maxTotalTime);
            }
            if (maxDelay.compareTo(LONGEST) > 0) {
                throw bad("maxDelay must not exceed " + LONGEST + ", was " + maxDelay);
            }
            if (maxTotalTime.compareTo(LONGEST) > 0) {
                throw bad("maxTotalTime must not exceed " + LONGEST + ", was " + maxTotalTime);
            }
            return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, maxTotalTime);
        }

        private static <T> T notNull(T value, String parameter) {
            if (value == null) {
                throw bad(parameter + " must not be null");
            }
            return value;
        }

        private static ConfigurationException bad(String message) {
            return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "RetryPolicy: " + message);
        }
    }
}
