package dev.tern.migration.spi;

/** The code of a {@link JavaStep}'s up or down action. */
@FunctionalInterface
public interface StepAction {
    /**
     * Runs the action. Use {@link StepContext#connection()}; do not commit, roll back or close it:
     * Tern owns the transaction.
     *
     * @param context the step's context, not null
     * @throws Exception any failure; an {@link java.sql.SQLException} is classified as transient or
     *     permanent by the dialect, anything else is permanent
     */
    void run(StepContext context) throws Exception;
}
