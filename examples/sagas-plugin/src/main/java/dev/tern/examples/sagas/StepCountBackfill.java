package dev.tern.examples.sagas;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.StepContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Step 1.3.0 of the {@code sagas} plugin: sets {@code sagas.step_count} (added in 1.2.0) to the
 * number of each saga's rows in {@code saga_steps}. The statement is portable, so the step needs no
 * dialect switch; its down action resets the counts to the column default. Stateless; thread-safe.
 */
public final class StepCountBackfill {
    private StepCountBackfill() {
    }

    /**
     * Builds the step.
     *
     * @return the Java step 1.3.0 with its down action
     */
    public static JavaStep step() {
        return JavaStep.of("1.3.0", "backfill saga step counts", StepCountBackfill::backfill)
                .withDown(StepCountBackfill::reset);
    }

    private static void backfill(StepContext context) throws SQLException {
        // Only sagas whose count is wrong are written: status triggers and ON UPDATE columns see fewer rows.
        String counted = "(SELECT COUNT(*) FROM saga_steps WHERE saga_steps.saga_id = sagas.id)";
        try (PreparedStatement st = context.connection().prepareStatement(
                "UPDATE sagas SET step_count = " + counted + " WHERE step_count <> " + counted)) {
            st.executeUpdate();
        }
    }

    private static void reset(StepContext context) throws SQLException {
        try (PreparedStatement st = context.connection().prepareStatement(
                "UPDATE sagas SET step_count = ? WHERE step_count <> ?")) {
            st.setInt(1, 0);
            st.setInt(2, 0);
            st.executeUpdate();
        }
    }
}
