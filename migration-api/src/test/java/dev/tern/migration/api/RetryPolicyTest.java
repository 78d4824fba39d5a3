package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** A jitter source returning one fixed value from {@link #nextDouble()}. */
    private static RandomGenerator fixed(double u) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is used");
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    @Test
    void defaultsAreFiveAttemptsFrom200MsDoublingUpTo10SecondsWithJitter02Within2Minutes() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.maxAttempts()).isEqualTo(5);
        assertThat(p.initialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.multiplier()).isEqualTo(2.0);
        assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.jitter()).isEqualTo(0.2);
        assertThat(p.maxTotalTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.retries()).isTrue();
        assertThat(RetryPolicy.builder().build()).isEqualTo(p);
    }

    @Test
    void noneMakesOneAttempt() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.none().retries()).isFalse();
    }

    @Test
    void delaysGrowByTheMultiplierUntilMaxDelayWithoutJitterAtTheMiddleOfTheRange() {
        RetryPolicy p = RetryPolicy.defaults();
        RandomGenerator middle = fixed(0.5);
        assertThat(p.delayAfter(1, middle)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delayAfter(2, middle)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.delayAfter(3, middle)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.delayAfter(4, middle)).isEqualTo(Duration.ofMillis(1600));
        assertThat(p.delayAfter(6, middle)).isEqualTo(Duration.ofMillis(6400));
        assertThat(p.delayAfter(7, middle)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayAfter(1000, middle)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterSpreadsTheDelayByTheGivenFractionBothWays() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.delayAfter(1, fixed(0.0))).isEqualTo(Duration.ofMillis(160));
        assertThat(p.delayAfter(1, fixed(1.0))).isEqualTo(Duration.ofMillis(240));
        assertThat(p.delayAfter(2, fixed(0.75))).isEqualTo(Duration.ofMillis(440));
        // Jitter applies after the cap: 10 s +- 20 %.
        assertThat(p.delayAfter(20, fixed(0.0))).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayAfter(20, fixed(1.0))).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void fullJitterCanReachZero() {
        RetryPolicy p = RetryPolicy.builder().jitter(1.0).build();
        assertThat(p.delayAfter(1, fixed(0.0))).isEqualTo(Duration.ZERO);
        assertThat(p.delayAfter(1, fixed(1.0))).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void hugeExponentsSaturateAtMaxDelay() {
        RetryPolicy p = RetryPolicy.builder().multiplier(1000).maxDelay(Duration.ofDays(365 * 200)).jitter(0).build();
        assertThat(p.delayAfter(Integer.MAX_VALUE, fixed(0.3))).isEqualTo(Duration.ofDays(365 * 200));
    }

    @Test
    void delayAfterRefusesAttemptZero() {
        assertThatThrownBy(() -> RetryPolicy.defaults().delayAfter(0, fixed(0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt");
    }

    @Test
    void toBuilderDerivesAPolicy() {
        RetryPolicy p = RetryPolicy.defaults().toBuilder().maxAttempts(3).build();
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.initialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(5);
        assertThat(p.toString()).contains("maxAttempts=3");
    }

    @Test
    void buildNamesEachBadParameter() {
        assertBad(RetryPolicy.builder().maxAttempts(0), "maxAttempts must be 1 or more, was 0");
        assertBad(RetryPolicy.builder().initialDelay(Duration.ofMillis(-1)), "initialDelay must not be negative");
        assertBad(RetryPolicy.builder().multiplier(0.5), "multiplier must be a finite number, 1 or more, was 0.5");
        assertBad(RetryPolicy.builder().multiplier(Double.NaN), "multiplier");
        assertBad(RetryPolicy.builder().multiplier(Double.POSITIVE_INFINITY), "multiplier");
        assertBad(RetryPolicy.builder().initialDelay(Duration.ofSeconds(20)), "maxDelay must be at least initialDelay");
        assertBad(RetryPolicy.builder().jitter(-0.1), "jitter must be a fraction in [0, 1], was -0.1");
        assertBad(RetryPolicy.builder().jitter(1.5), "jitter");
        assertBad(RetryPolicy.builder().jitter(Double.NaN), "jitter");
        assertBad(RetryPolicy.builder().maxTotalTime(Duration.ZERO), "maxTotalTime must be positive");
        assertBad(RetryPolicy.builder().maxDelay(Duration.ofDays(365L * 1000)), "maxDelay must not exceed");
        assertBad(RetryPolicy.builder().maxTotalTime(Duration.ofDays(365L * 1000)), "maxTotalTime must not exceed");
    }

    @Test
    void settersRefuseNullNamingTheParameter() {
        assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("initialDelay must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxDelay must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().maxTotalTime(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxTotalTime must not be null");
    }

    @Test
    void zeroInitialDelayAndMultiplierOneAreAllowed() {
        RetryPolicy p = RetryPolicy.builder().initialDelay(Duration.ZERO).multiplier(1).maxDelay(Duration.ZERO).build();
        assertThat(p.delayAfter(3, fixed(0.9))).isEqualTo(Duration.ZERO);
    }

    private static void assertBad(RetryPolicy.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConfigurationException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }
}
