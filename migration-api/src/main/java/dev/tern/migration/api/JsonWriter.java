package dev.tern.migration.api;

/**
 * A minimal JSON writer for {@link MigrationPlan#toJson()}: objects, arrays, strings, numbers,
 * booleans and null, indented by two spaces. Strings are escaped per RFC 8259 §7: quotation mark,
 * reverse solidus and every control character below U+0020 (with the short forms {@code \b \f \n
 * \r \t} where they exist, {@code \}{@code u00XX} otherwise); an unpaired surrogate, which no UTF-8
 * encoder can write, is escaped as {@code \}{@code uXXXX} so that the output stays valid.
 *
 * <p>Package-private: this module has no third-party dependency, and a plan is a small, fixed
 * shape, so a full JSON library is not worth a dependency of every application. The caller is
 * responsible for a well-formed sequence of calls (names only inside objects). Not thread-safe.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    // Whether the current container has had a member yet, one flag per nesting level.
    private boolean[] hasMember = new boolean[8];
    private boolean afterName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        out.append(bracket);
        depth++;
        if (depth == hasMember.length) {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        boolean any = hasMember[depth];
        depth--;
        if (any) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** Writes the comma and line break before a value or a name, unless the value follows its name. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) {
                out.append(',');
            }
            hasMember[depth] = true;
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicode(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicode(char c) {
        out.append(String.format("\\u%04x", (int) c));
    }
}
