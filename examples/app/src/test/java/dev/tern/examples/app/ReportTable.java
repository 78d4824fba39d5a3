package dev.tern.examples.app;

import java.util.Arrays;
import java.util.List;

/** Reads the rows of {@code MigrationReport.toTable()} back from the application's output. */
final class ReportTable {
    private ReportTable() {
    }

    /** One printed row: plugin, before, after, step, kind, description, outcome, attempts, ms. */
    record Row(String plugin, String before, String after, String step, String kind, String description,
               String outcome) {
    }

    /** @return the data rows of the first table in {@code output}, in printed order (no header) */
    static List<Row> rows(String output) {
        return output.lines()
                .filter(line -> line.contains(" | ") && !line.startsWith("plugin "))
                .map(line -> Arrays.stream(line.split(" \\| ", -1)).map(String::trim).toList())
                .filter(cells -> cells.size() == 9)
                .map(c -> new Row(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6)))
                .toList();
    }
}
