package dev.tern.migration.jdbc.internal.split;

/**
 * Follows one PostgreSQL statement to tell whether the splitter is inside the
 * {@code BEGIN ATOMIC ... END} body of a SQL-standard routine (PostgreSQL 14+), where semicolons
 * separate the body's statements instead of ending the {@code CREATE}.
 *
 * <p>The same heuristic as psql's lexer, without writing a parser: only statements that start with
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} can hold such a body; in them, the words
 * {@code BEGIN ATOMIC} open it, and inside it {@code CASE} opens a nested {@code ... END} (the only
 * other construct that ends with {@code END} in such a body) while {@code END} closes one level.
 * Words inside quotes, dollar quotes and comments never reach the tracker. Not thread-safe: one
 * instance per split.
 */
final class AtomicBodyTracker {
    private static final int START = 0;
    private static final int AFTER_CREATE = 1;
    private static final int AFTER_OR = 2;
    private static final int AFTER_REPLACE = 3;
    private static final int ROUTINE = 4;
    private static final int OTHER = 5;

    private int header = START;
    private boolean afterBegin;
    private int depth;

    /** Forgets the previous statement; called when a statement starts. */
    void reset() {
        header = START;
        afterBegin = false;
        depth = 0;
    }

    /** @return true while a delimiter belongs to a routine body rather than ending the statement */
    boolean insideBody() {
        return depth > 0;
    }

    /** Takes a significant token that is not a word (symbol, quoted text, inner delimiter). */
    void acceptOther() {
        if (header < ROUTINE) {
            header = OTHER;
        }
        afterBegin = false;
    }

    /** Takes the word the lexer has just read. */
    void acceptWord(SqlLexer lexer) {
        switch (header) {
            case START -> header = lexer.wordIs("CREATE") ? AFTER_CREATE : OTHER;
            case AFTER_CREATE -> header = lexer.wordIs("OR") ? AFTER_OR : routineOrOther(lexer);
            case AFTER_OR -> header = lexer.wordIs("REPLACE") ? AFTER_REPLACE : OTHER;
            case AFTER_REPLACE -> header = routineOrOther(lexer);
            case ROUTINE -> acceptRoutineWord(lexer);
            default -> {
                // not a routine: nothing to follow
            }
        }
    }

    private static int routineOrOther(SqlLexer lexer) {
        return lexer.wordIs("FUNCTION") || lexer.wordIs("PROCEDURE") ? ROUTINE : OTHER;
    }

    private void acceptRoutineWord(SqlLexer lexer) {
        if (afterBegin && lexer.wordIs("ATOMIC")) {
            depth++;
            afterBegin = false;
            return;
        }
        afterBegin = depth == 0 && lexer.wordIs("BEGIN");
        if (depth > 0) {
            if (lexer.wordIs("CASE")) {
                depth++;
            } else if (lexer.wordIs("END")) {
                depth--;
            }
        }
    }
}
