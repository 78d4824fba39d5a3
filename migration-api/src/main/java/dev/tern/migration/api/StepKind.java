package dev.tern.migration.api;

/** What a step is made of. */
public enum StepKind {
    /** A SQL script shipped in the plugin jar. */
    SQL,
    /** Java code run with a {@code StepContext}. */
    JAVA,
    /**
     * Not a step: the row written by {@code Orchestrator.baseline}, marking an existing schema as
     * being at the row's version. Steps at or below it count as applied and never run.
     */
    BASELINE,
    /**
     * Not a step: the trace of one change made by {@code Orchestrator.repair} (a checksum realigned
     * or a failed row removed), described in the row's description. Ignored when the installed
     * version is computed.
     */
    REPAIR;

    /** @return true for the kinds of real steps ({@link #SQL}, {@link #JAVA}), false for bookkeeping rows */
    public boolean isStep() {
        return this == SQL || this == JAVA;
    }
}
