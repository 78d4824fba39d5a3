package dev.tern.migration.jdbc.internal.split;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;

/**
 * Reads a script as a sequence of tokens under one family's {@link SplitRules}: exactly as much
 * lexing as splitting needs. Whitespace is skipped; everything the splitter must not look inside
 * (strings, quoted identifiers, dollar quotes, comments) is one token; words are read whole so
 * that keywords can be recognised and a {@code $} inside an identifier never opens a dollar quote.
 *
 * <p>One forward pass over the characters: every token scan advances the position, and each
 * character is examined a bounded number of times (at most the length of a custom delimiter, for
 * the delimiter check), so the time is linear in the script's length. Not thread-safe: one
 * instance per split.
 */
final class SqlLexer {
    /** What the last token read was. */
    enum Kind {
        /** An identifier, keyword or number. */
        WORD,
        /** A string, quoted identifier or dollar-quoted string. */
        QUOTED,
        /** Any other single character of statement text (operator, parenthesis, ...). */
        SYMBOL,
        /** A MariaDB/MySQL executable comment: statement text although it looks like a comment. */
        EXECUTABLE_COMMENT,
        /** A line or block comment. */
        COMMENT,
        /** The current statement delimiter. */
        DELIMITER,
        /** The end of the script. */
        END
    }

    private static final char[] SEMICOLON = {';'};

    private final char[] text;
    private final SplitRules rules;
    private final String source;
    private final LineCounter lines;
    private char[] delimiter = SEMICOLON;
    private boolean delimiterStartsInWord;
    private int position;
    private int tokenStart;
    private int tokenEnd;

    SqlLexer(char[] text, SplitRules rules, String source, LineCounter lines) {
        this.text = text;
        this.rules = rules;
        this.source = source;
        this.lines = lines;
        // A byte order mark is an encoding artefact, not part of the script.
        this.position = text.length > 0 && text[0] == '\uFEFF' ? 1 : 0;
    }

    /** @return the index of the first character of the last token */
    int tokenStart() {
        return tokenStart;
    }

    /** @return the index just after the last character of the last token */
    int tokenEnd() {
        return tokenEnd;
    }

    /**
     * Reads the next token.
     *
     * @return its kind; {@link Kind#END} at (and after) the end of the script
     * @throws StepDefinitionException with {@code SQL_PARSE_ERROR} if a string, quoted identifier,
     *     dollar quote or block comment is not closed before the end of the script
     */
    Kind next() {
        while (position < text.length && text[position] <= ' ') {
            position++;
        }
        tokenStart = position;
        if (position >= text.length) {
            tokenEnd = position;
            return Kind.END;
        }
        Kind kind = scanToken(text[position]);
        tokenEnd = position;
        return kind;
    }

    private Kind scanToken(char c) {
        if (c == delimiter[0] && delimiterAt(position)) {
            position += delimiter.length;
            return Kind.DELIMITER;
        }
        switch (c) {
            case '-':
                if (charAt(position + 1) == '-'
                        && (!rules.dashCommentNeedsSpace() || isBlankOrControlOrEnd(position + 2))) {
                    return lineComment();
                }
                break;
            case '#':
                if (rules.hashComments()) {
                    return lineComment();
                }
                break;
            case '/':
                if (charAt(position + 1) == '*') {
                    return blockComment();
                }
                if (rules.slashSlashComments() && charAt(position + 1) == '/') {
                    return lineComment();
                }
                break;
            case '\'':
                return quoted('\'', rules.backslashEscapes(), position, "single-quoted string");
            case '"':
                return quoted('"', rules.backslashEscapes(), position,
                        rules.backslashEscapes() ? "double-quoted string" : "double-quoted identifier");
            case '`':
                if (rules.backtickIdentifiers()) {
                    return quoted('`', false, position, "backtick-quoted identifier");
                }
                break;
            case '$':
                if (rules.taggedDollarQuotes() || rules.untaggedDollarQuotes()) {
                    return dollarQuotedOrSymbol();
                }
                break;
            default:
                break;
        }
        if (isWordStart(c)) {
            return word();
        }
        position++;
        return Kind.SYMBOL;
    }

    private Kind lineComment() {
        while (position < text.length && text[position] != '\n' && text[position] != '\r') {
            position++;
        }
        return Kind.COMMENT;
    }

    private Kind blockComment() {
        int start = position;
        boolean executable = rules.executableComments()
                && (charAt(start + 2) == '!' || charAt(start + 2) == 'M' && charAt(start + 3) == '!');
        int depth = 1;
        int i = start + 2;
        while (i < text.length) {
            char c = text[i];
            if (c == '*' && charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    position = i;
                    return executable ? Kind.EXECUTABLE_COMMENT : Kind.COMMENT;
                }
            } else if (c == '/' && charAt(i + 1) == '*' && rules.nestedBlockComments()) {
                i += 2;
                depth++;
            } else {
                i++;
            }
        }
        throw unterminated("block comment", start);
    }

    /**
     * Reads text between two {@code quote} characters, where a doubled quote stands for one and,
     * if {@code backslash}, a backslash escapes the character after it.
     *
     * @param start where the token starts (an {@code E} prefix or the opening quote)
     */
    private Kind quoted(char quote, boolean backslash, int start, String what) {
        int i = position + 1;
        while (i < text.length) {
            char c = text[i];
            if (c == quote) {
                if (charAt(i + 1) != quote) {
                    position = i + 1;
                    return Kind.QUOTED;
                }
                i += 2;
            } else if (c == '\\' && backslash) {
                i += 2;
            } else {
                i++;
            }
        }
        throw unterminated(what, start);
    }

    private Kind dollarQuotedOrSymbol() {
        int start = position;
        int tagEnd = start + 1; // index of the closing '$' of the opening tag
        if (rules.taggedDollarQuotes() && tagEnd < text.length && isDollarTagStart(text[tagEnd])) {
            tagEnd++;
            while (tagEnd < text.length && isDollarTagPart(text[tagEnd])) {
                tagEnd++;
            }
        }
        if (charAt(tagEnd) != '$') {
            // "$1", "$" alone or "$abc" without a closing '$': an ordinary character, as PostgreSQL reads it.
            position = start + 1;
            return Kind.SYMBOL;
        }
        int close = findTag(start, tagEnd - start + 1, tagEnd + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted string " + new String(text, start, tagEnd - start + 1), start);
        }
        position = close + tagEnd - start + 1;
        return Kind.QUOTED;
    }

    /**
     * Finds the first copy of the tag {@code text[tag .. tag + length)} at or after {@code from}.
     * Linear: a tag holds {@code $} only at both ends, so after a mismatch at offset k of a
     * candidate the next candidate cannot start before that offset.
     *
     * @return the index of the copy, or -1 if none
     */
    private int findTag(int tag, int length, int from) {
        int i = from;
        while (i + length <= text.length) {
            if (text[i] != '$') {
                i++;
                continue;
            }
            int k = 1;
            while (k < length && text[i + k] == text[tag + k]) {
                k++;
            }
            if (k == length) {
                return i;
            }
            i += k;
        }
        return -1;
    }

    private Kind word() {
        int start = position;
        int i = start + 1;
        while (i < text.length && isWordPart(text[i])
                && !(delimiterStartsInWord && text[i] == delimiter[0] && delimiterAt(i))) {
            i++;
        }
        position = i;
        if (rules.escapeStringPrefix() && i - start == 1 && (text[start] == 'E' || text[start] == 'e')
                && charAt(i) == '\'') {
            return quoted('\'', true, start, "single-quoted string");
        }
        return Kind.WORD;
    }

    /**
     * @param keyword an upper-case ASCII keyword
     * @return true if the last token is a word spelling {@code keyword} in any case
     */
    boolean wordIs(String keyword) {
        if (tokenEnd - tokenStart != keyword.length()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = text[tokenStart + i];
            if (c != keyword.charAt(i) && Character.toUpperCase(c) != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true if the last token ends its word: a space, tab, line end or the end of the script
     *     follows it (so a bare {@code DELIMITER} line is still the client's command, and an error)
     */
    boolean blankFollows() {
        char c = charAt(tokenEnd);
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    /**
     * Reads the argument of the client's {@code DELIMITER} command, whose word was the last token,
     * makes it the delimiter and skips the rest of the line. The argument is the following run of
     * non-blank characters, or text in quotes ({@code '}, {@code "} or backtick), as the
     * {@code mysql} client takes it.
     *
     * @throws StepDefinitionException with {@code SQL_PARSE_ERROR} if the line holds no argument
     */
    void readDelimiterCommand() {
        int i = tokenEnd;
        while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        int start = i;
        int end;
        char first = charAt(i);
        if (first == '\'' || first == '"' || first == '`') {
            start = i + 1;
            end = start;
            while (end < text.length && text[end] != first && text[end] != '\n' && text[end] != '\r') {
                end++;
            }
        } else {
            end = start;
            while (end < text.length && text[end] > ' ') {
                end++;
            }
        }
        if (end == start) {
            throw new StepDefinitionException(ErrorCode.SQL_PARSE_ERROR,
                    "DELIMITER must be followed by a delimiter at line " + lines.lineAt(tokenStart),
                    null, null, source, lines.lineAt(tokenStart), null);
        }
        delimiter = new char[end - start];
        System.arraycopy(text, start, delimiter, 0, delimiter.length);
        delimiterStartsInWord = isWordPart(delimiter[0]);
        position = end;
        while (position < text.length && text[position] != '\n' && text[position] != '\r') {
            position++;
        }
    }

    private boolean delimiterAt(int index) {
        if (index + delimiter.length > text.length) {
            return false;
        }
        for (int k = 0; k < delimiter.length; k++) {
            if (text[index + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    private StepDefinitionException unterminated(String what, int start) {
        int line = lines.lineAt(start);
        return new StepDefinitionException(ErrorCode.SQL_PARSE_ERROR,
                "unterminated " + what + " starting at line " + line, null, null, source, line, null);
    }

    private char charAt(int index) {
        return index < text.length ? text[index] : '\0';
    }

    private boolean isBlankOrControlOrEnd(int index) {
        return index >= text.length || text[index] <= ' ';
    }

    private boolean isWordStart(char c) {
        // MariaDB/MySQL identifiers may start with '$'; where '$' opens dollar quotes it may not.
        return isLetterOrDigit(c) || c == '$' && !rules.taggedDollarQuotes() && !rules.untaggedDollarQuotes();
    }

    private static boolean isWordPart(char c) {
        return isLetterOrDigit(c) || c == '$';
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80;
    }

    /** PostgreSQL's {@code dolq_start}: a letter, {@code _} or any non-ASCII character. */
    private static boolean isDollarTagStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** PostgreSQL's {@code dolq_cont}: {@code dolq_start} or a digit. */
    private static boolean isDollarTagPart(char c) {
        return isDollarTagStart(c) || c >= '0' && c <= '9';
    }
}
