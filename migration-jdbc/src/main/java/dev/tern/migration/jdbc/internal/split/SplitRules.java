package dev.tern.migration.jdbc.internal.split;

/**
 * The lexical rules of one database family for splitting scripts into statements.
 *
 * <p>Every family reads {@code --} line comments, slash-star block comments,
 * single-quoted strings with doubled quotes ({@code ''}), double-quoted text with doubled quotes
 * ({@code ""}) and {@code ;} as the statement delimiter. Each constant adds its own rules, listed
 * on it. The flags are read by the splitter only, hence package-private.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum SplitRules {
    /**
     * H2: block comments nest, {@code //} also starts a line comment, backticks quote identifiers
     * (doubled {@code ``} inside), and {@code $$ ... $$} quotes a string without a tag (the Java
     * source of {@code CREATE ALIAS}); no backslash escapes.
     */
    H2(Builder.create().nestedBlockComments().slashSlashComments().backtickIdentifiers().untaggedDollarQuotes()),

    /**
     * PostgreSQL: block comments nest; {@code E'...'} strings take backslash escapes while standard
     * strings do not; dollar quoting {@code $$...$$} and {@code $tag$...$tag$} with tags shaped as
     * PostgreSQL's lexer defines them; a {@code BEGIN ATOMIC ... END} body of
     * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (PostgreSQL 14+) is not split at its inner
     * semicolons.
     */
    POSTGRESQL(Builder.create().nestedBlockComments().escapeStringPrefix().taggedDollarQuotes().atomicBodies()),

    /**
     * MariaDB and MySQL: {@code #} line comments; {@code --} starts a comment only when followed by
     * whitespace, a control character or the end of the script; backslash escapes in single- and
     * double-quoted strings; backtick identifiers (doubled {@code ``} inside); executable comments
     * (starting {@code /*!} or {@code /*M!}) count as statement text; the client's
     * {@code DELIMITER} command changes the delimiter (the command line itself is not a statement).
     * Assumes the default SQL mode (neither {@code ANSI_QUOTES} nor {@code NO_BACKSLASH_ESCAPES}).
     */
    MARIADB(Builder.create().hashComments().dashCommentNeedsSpace().backslashEscapes().backtickIdentifiers()
            .executableComments().delimiterCommand());

    private final boolean nestedBlockComments;
    private final boolean slashSlashComments;
    private final boolean hashComments;
    private final boolean dashCommentNeedsSpace;
    private final boolean backslashEscapes;
    private final boolean escapeStringPrefix;
    private final boolean backtickIdentifiers;
    private final boolean taggedDollarQuotes;
    private final boolean untaggedDollarQuotes;
    private final boolean executableComments;
    private final boolean delimiterCommand;
    private final boolean atomicBodies;

    SplitRules(Builder flags) {
        this.nestedBlockComments = flags.nestedBlockComments;
        this.slashSlashComments = flags.slashSlashComments;
        this.hashComments = flags.hashComments;
        this.dashCommentNeedsSpace = flags.dashCommentNeedsSpace;
        this.backslashEscapes = flags.backslashEscapes;
        this.escapeStringPrefix = flags.escapeStringPrefix;
        this.backtickIdentifiers = flags.backtickIdentifiers;
        this.taggedDollarQuotes = flags.taggedDollarQuotes;
        this.untaggedDollarQuotes = flags.untaggedDollarQuotes;
        this.executableComments = flags.executableComments;
        this.delimiterCommand = flags.delimiterCommand;
        this.atomicBodies = flags.atomicBodies;
    }

    /** A block comment may hold further block comments, each closed in turn. */
    boolean nestedBlockComments() {
        return nestedBlockComments;
    }

    /** {@code //} starts a line comment. */
    boolean slashSlashComments() {
        return slashSlashComments;
    }

    /** {@code #} starts a line comment. */
    boolean hashComments() {
        return hashComments;
    }

    /** {@code --} starts a comment only before whitespace, a control character or the end. */
    boolean dashCommentNeedsSpace() {
        return dashCommentNeedsSpace;
    }

    /** A backslash escapes the next character in every single- and double-quoted string. */
    boolean backslashEscapes() {
        return backslashEscapes;
    }

    /** {@code E'...'} strings take backslash escapes. */
    boolean escapeStringPrefix() {
        return escapeStringPrefix;
    }

    /** Backticks quote identifiers. */
    boolean backtickIdentifiers() {
        return backtickIdentifiers;
    }

    /** {@code $tag$ ... $tag$} and {@code $$ ... $$} quote strings. */
    boolean taggedDollarQuotes() {
        return taggedDollarQuotes;
    }

    /** Only {@code $$ ... $$} quotes strings. */
    boolean untaggedDollarQuotes() {
        return untaggedDollarQuotes;
    }

    /** {@code /*!} and {@code /*M!} comments are statement text, not comments. */
    boolean executableComments() {
        return executableComments;
    }

    /** The client's {@code DELIMITER} command is understood. */
    boolean delimiterCommand() {
        return delimiterCommand;
    }

    /** {@code BEGIN ATOMIC ... END} routine bodies are kept whole. */
    boolean atomicBodies() {
        return atomicBodies;
    }

    /** Collects the flags of one constant readably; used only while the enum initialises. */
    private static final class Builder {
        private boolean nestedBlockComments;
        private boolean slashSlashComments;
        private boolean hashComments;
        private boolean dashCommentNeedsSpace;
        private boolean backslashEscapes;
        private boolean escapeStringPrefix;
        private boolean backtickIdentifiers;
        private boolean taggedDollarQuotes;
        private boolean untaggedDollarQuotes;
        private boolean executableComments;
        private boolean delimiterCommand;
        private boolean atomicBodies;

        static Builder create() {
            return new Builder();
        }

        Builder nestedBlockComments() {
            nestedBlockComments = true;
            return this;
        }

        Builder slashSlashComments() {
            slashSlashComments = true;
            return this;
        }

        Builder hashComments() {
            hashComments = true;
            return this;
        }

        Builder dashCommentNeedsSpace() {
            dashCommentNeedsSpace = true;
            return this;
        }

        Builder backslashEscapes() {
            backslashEscapes = true;
            return this;
        }

        Builder escapeStringPrefix() {
            escapeStringPrefix = true;
            return this;
        }

        Builder backtickIdentifiers() {
            backtickIdentifiers = true;
            return this;
        }

        Builder taggedDollarQuotes() {
            taggedDollarQuotes = true;
            return this;
        }

        Builder untaggedDollarQuotes() {
            untaggedDollarQuotes = true;
            return this;
        }

        Builder executableComments() {
            executableComments = true;
            return this;
        }

        Builder delimiterCommand() {
            delimiterCommand = true;
            return this;
        }

        Builder atomicBodies() {
            atomicBodies = true;
            return this;
        }
    }
}
