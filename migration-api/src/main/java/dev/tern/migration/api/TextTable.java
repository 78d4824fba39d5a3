package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;

/** Renders rows of text as a plain-text table, as {@link MigrationReport#toTable()} does. Stateless. */
final class TextTable {
    private TextTable() {
    }

    /**
     * @param header the column names
     * @param rows the rows, each as long as the header
     * @return the header, a rule and the rows, each line ending with {@code \n}
     */
    static String render(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
        }
        out.append(rule).append('\n');
        rows.forEach(r -> appendRow(out, r, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", row.get(i)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** @return the text, or {@code -} for null */
    static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
