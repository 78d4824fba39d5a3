package dev.tern.migration.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepFlagsTest {
    private static final Map<String, SqlScript> UP = Map.of(SqlStep.UNIVERSAL, new SqlScript("V1__a.sql", "SELECT 1;"));

    @Test
    void sqlStepKeepsItsFiveArgumentConstructorAndIsNotBreakingByDefault() {
        SqlStep step = new SqlStep(Version.parse("1"), "a", UP, Map.of(), true);

        assertThat(step.breaking()).isFalse();
        assertThat(step).isEqualTo(new SqlStep(Version.parse("1"), "a", UP, Map.of(), true, false));
        assertThat(new SqlStep(Version.parse("1"), "a", UP, Map.of(), true, true).breaking()).isTrue();
    }

    @Test
    void javaStepAsBreakingIsACopyThatKeepsEveryOtherFlag() {
        StepAction noop = ctx -> { };
        JavaStep plain = JavaStep.of("2", "drop column", noop);
        JavaStep breaking = plain.withDown(noop).withChecksum("r1").nonTransactional().asBreaking();

        assertThat(plain.breaking()).isFalse();
        assertThat(breaking.breaking()).isTrue();
        assertThat(breaking.reversible()).isTrue();
        assertThat(breaking.checksum()).contains("r1");
        assertThat(breaking.transactional()).isFalse();
        // The flag survives the other copy methods too.
        assertThat(plain.asBreaking().withDown(noop).withChecksum("r2").nonTransactional().breaking()).isTrue();
    }
}
