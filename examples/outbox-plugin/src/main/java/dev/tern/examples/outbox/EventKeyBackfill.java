package dev.tern.examples.outbox;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.StepContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Step 1.2.0 of the {@code outbox} plugin: gives every event written before 1.1.0 an idempotency
 * key ({@code aggregate_type:aggregate_id:event_type:id}) and a partition key
 * ({@code aggregate_type:aggregate_id}), so that 1.3.0 can make the key mandatory. The keys are
 * computed in Java because string concatenation is spelled differently on each database
 * ({@code ||} means OR on MariaDB). Its down action clears the keys again. Stateless; thread-safe.
 */
public final class EventKeyBackfill {
    /** Rows updated per batch, so a large outbox is not held in memory at once. */
    static final int BATCH_SIZE = 500;

    private EventKeyBackfill() {
    }

    /**
     * Builds the step. Values are always bound as parameters.
     *
     * @return the Java step 1.2.0 with its down action
     */
    public static JavaStep step() {
        return JavaStep.of("1.2.0", "backfill event keys", EventKeyBackfill::backfill)
                .withDown(EventKeyBackfill::clear);
    }

    private static void backfill(StepContext context) throws SQLException {
        Connection connection = context.connection();
        try (PreparedStatement select = connection.prepareStatement(
                     "SELECT id, aggregate_type, aggregate_id, event_type FROM outbox_events"
                             + " WHERE event_key IS NULL ORDER BY id");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE outbox_events SET event_key = ?, partition_key = ? WHERE id = ?")) {
            select.setFetchSize(BATCH_SIZE);
            try (ResultSet rs = select.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String partition = rs.getString(2) + ":" + rs.getString(3);
                    update.setString(1, partition + ":" + rs.getString(4) + ":" + id);
                    update.setString(2, partition);
                    update.setLong(3, id);
                    update.addBatch();
                    if (++pending == BATCH_SIZE) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
    }

    private static void clear(StepContext context) throws SQLException {
        try (PreparedStatement st = context.connection().prepareStatement(
                "UPDATE outbox_events SET event_key = NULL, partition_key = NULL")) {
            st.executeUpdate();
        }
    }
}
