package dev.tern.migration.api;

/** What a step is made of. */
public enum StepKind {
    /** A SQL script shipped in the plugin jar. */
    SQL,
    /** Java code run with a {@code StepContext}. */
    JAVA
}
