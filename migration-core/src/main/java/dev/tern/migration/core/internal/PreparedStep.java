package dev.tern.migration.core.internal;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.Step;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step ready to run on one database: for a SQL step the script chosen for the dialect and its
 * checksum; for a Java step its optional checksum.
 *
 * <p>A SQL step's script is split into statements on first need ({@link #statements()}), not when
 * the step is prepared: a start that finds every step applied only compares checksums, and
 * splitting a thousand applied scripts would cost more than the rest of that start. Whoever runs or
 * describes steps splits them all first ({@link StepPreparer#splitProblems}), so that a script that
 * cannot be split still stops a run before its first statement.
 *
 * <p>Thread-safe: the split is a pure function of the script and the dialect; threads racing on
 * the first call may both split, and they get equal results.
 */
public final class PreparedStep {
    // A statement that starts with one of these ends or starts a transaction (BEGIN ATOMIC and
    // MariaDB's BEGIN NOT ATOMIC open compound statements instead).
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)(COMMIT|END|START\\s+TRANSACTION|ROLLBACK(?!\\s+TO\\b)|BEGIN(?!\\s+(?:NOT\\s+)?ATOMIC\\b))\\b");

    private final String pluginId;
    private final Step step;
    private final String checksum;
    private final String source;
    /** The script to split and the dialect to split it with; null for a step given its statements. */
    private final SqlScript script;
    private final Dialect dialect;
    /** The statements, or the problem met splitting; null until split. */
    private volatile Split split;

    private record Split(List<SqlStatement> statements, MigrationException problem) {
    }

    /**
     * Creates a step whose statements are known: a Java step (no statements) or a script already split.
     *
     * @param pluginId the plugin, not null
     * @param step the step as the plugin defined it, not null
     * @param checksum the checksum recorded in the history, or null (a Java step without one)
     * @param source the script's source, or null for a Java step
     * @param statements the script's statements in order; empty for a Java step
     */
    public PreparedStep(String pluginId, Step step, String checksum, String source, List<SqlStatement> statements) {
        this(pluginId, step, checksum, source, null, null, new Split(List.copyOf(statements), null));
    }

    private PreparedStep(String pluginId, Step step, String checksum, String source, SqlScript script, Dialect dialect,
                         Split split) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.step = Objects.requireNonNull(step, "step");
        this.checksum = checksum;
        this.source = source;
        this.script = script;
        this.dialect = dialect;
        this.split = split;
    }

    /**
     * Creates a SQL step whose script is split on first need.
     *
     * @param pluginId the plugin, not null
     * @param step the step, not null
     * @param script the up script chosen for the dialect, not null
     * @param dialect the database's dialect, not null
     * @return the step, with the script's checksum
     */
    static PreparedStep unsplit(String pluginId, Step step, SqlScript script, Dialect dialect) {
        return new PreparedStep(pluginId, step, script.checksum(), script.source(), script,
                Objects.requireNonNull(dialect, "dialect"), null);
    }

    /** @return the plugin */
    public String pluginId() {
        return pluginId;
    }

    /** @return the step as the plugin defined it */
    public Step step() {
        return step;
    }

    /** @return the checksum recorded in the history, or null (a Java step without one) */
    public String checksum() {
        return checksum;
    }

    /** @return the chosen script's source, or null for a Java step */
    public String source() {
        return source;
    }

    /**
     * The chosen script's statements, split on the first call.
     *
     * @return the statements in order; empty for a Java step
     * @throws MigrationException the {@linkplain #splitProblem() split problem} if the script cannot be split
     */
    public List<SqlStatement> statements() {
        Split result = split();
        if (result.problem() != null) {
            throw result.problem();
        }
        return result.statements();
    }

    /**
     * Splits the script if not done yet and tells whether that failed.
     *
     * @return empty if the statements are known; else the problem naming the plugin, version, source
     *     and line: the dialect's ({@code SQL_PARSE_ERROR} usually), {@code SQL_PARSE_ERROR} for an
     *     unexpected splitter failure, or {@code EMPTY_SCRIPT} if the script holds no statement
     */
    public Optional<MigrationException> splitProblem() {
        return Optional.ofNullable(split().problem());
    }

    private Split split() {
        Split result = split;
        if (result == null) {
            result = splitScript();
            split = result;
        }
        return result;
    }

    private Split splitScript() {
        String version = version().toString();
        List<SqlStatement> statements;
        try {
            statements = dialect.split(script.source(), script.content());
        } catch (MigrationException e) {
            return new Split(List.of(), StepPreparer.locate(e, pluginId, version, script.source()));
        } catch (RuntimeException e) {
            return new Split(List.of(), new StepDefinitionException(ErrorCode.SQL_PARSE_ERROR,
                    "the script could not be split: " + e, pluginId, version, script.source(), 0, e));
        }
        if (statements == null || statements.isEmpty()) {
            return new Split(List.of(), new StepDefinitionException(ErrorCode.EMPTY_SCRIPT, "the script holds no SQL"
                    + " statement (only comments or whitespace)", pluginId, version, script.source(), 0, null));
        }
        return new Split(List.copyOf(statements), null);
    }

    /** @return the step version */
    public Version version() {
        return step.version();
    }

    /** @return the step description */
    public String description() {
        return step.description();
    }

    /** @return what the step is made of */
    public StepKind kind() {
        return step.kind();
    }

    /**
     * Tells whether the step runs in one transaction with its history record, so that a failure
     * leaves nothing of it behind. Splits the script if not done yet.
     *
     * @param dialect the database's dialect, or null when there is no database
     * @return true if the step is transactional, the database has transactional DDL, and the script
     *     can be split and does not control transactions itself
     */
    public boolean runsInTransaction(Dialect dialect) {
        return dialect != null && step.transactional() && dialect.supportsTransactionalDdl()
                && splitProblem().isEmpty() && !controlsTransactions();
    }

    /**
     * Tells whether the script ends or starts transactions itself ({@code COMMIT}, {@code ROLLBACK},
     * {@code BEGIN}, {@code START TRANSACTION}, {@code END}), as Quartz's {@code tables_postgres.sql}
     * does with a final {@code COMMIT}. Such a script would commit the step's work in the middle of
     * Tern's transaction and break the promise that a step and its record commit together, so it
     * runs statement by statement with auto-commit instead, like a step on MariaDB.
     *
     * @return true if a statement of the script is transaction control
     * @throws MigrationException as {@link #statements()}
     */
    public boolean controlsTransactions() {
        return statements().stream().anyMatch(s -> TRANSACTION_CONTROL.matcher(s.sql()).lookingAt());
    }

    @Override
    public String toString() {
        return "PreparedStep[" + pluginId + " " + version() + (source == null ? "" : " " + source) + "]";
    }
}
