package dev.tern.migration.api.database;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What Tern knows about one kind of database: how its scripts split into statements, whether its
 * DDL is transactional, which script variants it reads and which errors are transient.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /**
     * The variant folder names Tern knows. A plugin's script folder may hold one sub-folder per
     * variant; any other sub-folder is an error ({@code UNKNOWN_DATABASE_VARIANT}).
     */
    Set<String> KNOWN_VARIANTS = Set.of("h2", "postgresql", "mariadb", "mysql");

    /** @return the dialect id, one of {@link #KNOWN_VARIANTS}, e.g. {@code postgresql} */
    String id();

    /**
     * The script variants this dialect reads, most specific first; a step uses the first variant
     * it has, else its universal script. MariaDB reads {@code mariadb} then {@code mysql}.
     *
     * @return variant names from {@link #KNOWN_VARIANTS}, not empty
     */
    List<String> variants();

    /**
     * @return true if DDL statements take part in transactions (PostgreSQL, H2), so a step and its
     *     history record can commit or roll back together; false where DDL commits implicitly
     *     (MariaDB/MySQL)
     */
    boolean supportsTransactionalDdl();

    /**
     * Splits a script into statements under this database's lexical rules (comments, quotes,
     * dollar quotes, delimiters).
     *
     * @param source the script's name for error messages, e.g. {@code db/jobs/V1__init.sql}
     * @param script the script text, not null
     * @return the statements in order; empty if the script holds only comments and whitespace
     * @throws dev.tern.migration.api.StepDefinitionException with {@code SQL_PARSE_ERROR} naming the
     *     source and line of an unterminated string, comment, identifier or dollar quote
     */
    List<SqlStatement> split(String source, String script);

    /**
     * Tells whether an error is transient, so that running the step again may succeed: connection
     * loss, serialization failure, deadlock, lock timeout. Classified by {@code SQLException}
     * subclass and by SQLState or vendor code, walking the cause chain.
     *
     * @param error the error, not null
     * @return true if a retry may succeed
     */
    boolean isTransient(SQLException error);
}
