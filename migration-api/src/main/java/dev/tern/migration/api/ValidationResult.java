package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code Orchestrator.validate()} found: every problem of the steps and of the history at
 * once (edited or missing applied steps, unknown plugins in the history, failed steps, out-of-order
 * steps, malformed steps), in plugin and version order. Immutable and thread-safe.
 *
 * @param problems the problems found; empty when the code and the history agree
 */
public record ValidationResult(List<Problem> problems) {
    /** Copies the components. */
    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** @return true if no problem was found, so a run would start */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * @param code an error code
     * @return the problems with that code, in order
     */
    public List<Problem> problems(ErrorCode code) {
        return problems.stream().filter(p -> p.code() == code).toList();
    }

    /**
     * Renders the problems as a plain-text table, one row per problem.
     *
     * @return the table and a summary line, lines separated by {@code \n}
     */
    public String toTable() {
        List<List<String>> rows = new ArrayList<>();
        for (Problem p : problems) {
            rows.add(List.of(p.code().name(), TextTable.text(p.pluginId()), TextTable.text(p.version()), p.message()));
        }
        return TextTable.render(List.of("code", "plugin", "version", "problem"), rows)
                + (isValid() ? "valid: no problem found" : problems.size() + " problem(s) found");
    }

    /**
     * One problem.
     *
     * @param code the stable error code, not null, e.g. {@link ErrorCode#CHECKSUM_MISMATCH}
     * @param pluginId the plugin concerned, or null when unknown
     * @param version the step version concerned, or null when the problem is not about one step
     * @param source the script concerned, or null
     * @param message what is wrong and what to do about it, not null
     */
    public record Problem(ErrorCode code, String pluginId, String version, String source, String message) {
        /** Checks the non-null components. */
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /**
         * The problem an exception reports.
         *
         * @param e the exception, not null
         * @return its code, location and message (without the location prefix)
         */
        public static Problem of(MigrationException e) {
            return new Problem(e.code(), e.pluginId().orElse(null), e.version().orElse(null), e.source().orElse(null),
                    e.detail());
        }
    }
}
