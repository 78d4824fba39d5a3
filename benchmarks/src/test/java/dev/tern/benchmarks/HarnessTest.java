package dev.tern.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessTest {

    private static Contender recording(String name, List<String> order, boolean fails) {
        return new Contender(name, () -> new Session() {
            private final RoundTrips counts = new RoundTrips();

            @Override
            public void measured() {
                order.add(name);
                if (fails && order.size() > 3) {
                    throw new IllegalStateException("broken");
                }
            }

            @Override
            public RoundTrips counts() {
                return counts;
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void rotatesTheOrderEveryRoundAndRecordsOnlyMeasuredRounds() {
        List<String> order = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Harness harness = new Harness(1, 3, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<Result> results = harness.run("cell", "h2-mem", "10",
                List.of(recording("a", order, false), recording("b", order, false), recording("c", order, false)));

        assertThat(order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c");
        assertThat(results).extracting(Result::tool).containsExactly("a", "b", "c");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.nanos()).hasSize(3).doesNotContainNull();
            assertThat(r.error()).isNull();
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cell round 1 (warm-up)").contains("cell round 4:");
    }

    @Test
    void aFailingContenderStopsAndIsReportedWhileTheOthersGoOn() {
        List<String> order = new ArrayList<>();
        Harness harness = new Harness(0, 3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<Result> results = harness.run("cell", "h2-mem", "10",
                List.of(recording("ok", order, false), recording("bad", order, true)));

        assertThat(results.get(0).error()).isNull();
        assertThat(results.get(0).nanos()).doesNotContainNull();
        assertThat(results.get(1).error()).contains("broken");
        assertThat(results.get(1).nanos()).containsNull();
    }

    @Test
    void ratiosAreMediansOfPerRoundRatios() {
        Result fast = new Result("c", "d", "1", "fast", List.of(10L, 20L, 40L), null, java.util.Map.of(), "", null);
        Result slow = new Result("c", "d", "1", "slow", List.of(30L, 20L, 200L), null, java.util.Map.of(), "", null);
        // Per round: 3, 1, 5 -> median 3; the ratio of the medians would be 20/20 = 1.
        assertThat(slow.ratioTo(fast)).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
