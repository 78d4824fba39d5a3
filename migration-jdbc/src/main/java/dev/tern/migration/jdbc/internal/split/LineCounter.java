package dev.tern.migration.jdbc.internal.split;

/**
 * Maps character positions of a script to 1-based line numbers. A line ends at {@code \n},
 * {@code \r\n} or a lone {@code \r}, so files from every platform number their lines alike.
 *
 * <p>Positions are expected in ascending order, as a single forward pass asks for them; each
 * character is then examined once. A position before the previous one is still answered
 * correctly, by counting again from the start. Not thread-safe: one instance per split.
 */
final class LineCounter {
    private final char[] text;
    private int counted;
    private int line = 1;

    LineCounter(char[] text) {
        this.text = text;
    }

    /**
     * @param position an index into the script, from 0 to its length
     * @return the 1-based line holding that position
     */
    int lineAt(int position) {
        if (position < counted) {
            counted = 0;
            line = 1;
        }
        for (int i = counted; i < position; i++) {
            char c = text[i];
            if (c == '\n' || c == '\r' && (i + 1 >= text.length || text[i + 1] != '\n')) {
                line++;
            }
        }
        counted = position;
        return line;
    }
}
