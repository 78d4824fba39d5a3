package dev.tern.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** The markdown report: one table per workload, then the targets as measured. */
final class Report {
    /** The results of one workload: cells, each the results of one harness run. */
    record Section(String id, String title, String meaning, List<List<Result>> cells) {
    }

    private final List<Section> sections = new ArrayList<>();

    void add(Section section) {
        sections.add(section);
    }

    List<Section> sections() {
        return sections;
    }

    private static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Optional<Result> find(List<Result> cell, String tool) {
        return cell.stream().filter(r -> r.tool().equals(tool)).findFirst();
    }

    private static String counts(Result r) {
        RoundTrips.Counts c = r.counts();
        if (c == null) {
            return "- | - | - | - | - | -";
        }
        return c.connections() + " | " + c.statements() + " | " + c.commits() + " | " + c.rollbacks() + " | "
                + c.metadata() + " | **" + c.roundTrips() + "**";
    }

    private static String time(Result r) {
        List<Double> m = r.millis();
        return ms(r.medianMillis()) + " | " + ms(Stats.min(m)) + "–" + ms(Stats.max(m));
    }

    private static String note(Result r) {
        String text = r.error() != null ? "FAILED: " + r.error() : r.note();
        return text.replace("|", "/");
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        for (Section s : sections) {
            md.append("### ").append(s.title()).append("\n\n").append(s.meaning()).append("\n\n");
            switch (s.id()) {
                case "racing" -> racing(md, s);
                case "process" -> process(md, s);
                case "data" -> data(md, s);
                default -> steps(md, s);
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static final String COUNT_HEAD = " conn | stmts | commits | rollbacks | meta | round trips |";
    private static final String COUNT_LINE = "---:|---:|---:|---:|---:|---:|";

    private void steps(StringBuilder md, Section s) {
        md.append("| database | N | tool | median ms | min–max ms | × raw JDBC | × Tern |").append(COUNT_HEAD).append(" note |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|").append(COUNT_LINE).append("---|\n");
        for (List<Result> cell : s.cells()) {
            Optional<Result> raw = find(cell, RawJdbcTool.NAME);
            Optional<Result> tern = find(cell, TernTool.NAME);
            for (Result r : cell) {
                md.append("| ").append(r.database()).append(" | ").append(r.size()).append(" | ").append(r.tool())
                        .append(" | ").append(time(r))
                        .append(" | ").append(raw.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(tern.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(counts(r)).append(" | ").append(note(r)).append(" |\n");
            }
        }
    }

    private void racing(StringBuilder md, Section s) {
        md.append("| database | N | nodes | median ms | min–max ms | × one node | × Tern |").append(COUNT_HEAD).append(" note |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|").append(COUNT_LINE).append("---|\n");
        for (List<Result> cell : s.cells()) {
            for (Result r : cell) {
                String tool = r.tool().substring(0, r.tool().lastIndexOf(' '));
                Optional<Result> single = find(cell, tool + " x1");
                Optional<Result> tern = find(cell, TernTool.NAME + r.tool().substring(r.tool().lastIndexOf(' ')));
                md.append("| ").append(r.database()).append(" | ").append(r.size()).append(" | ").append(r.tool())
                        .append(" | ").append(time(r))
                        .append(" | ").append(single.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(tern.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(counts(r)).append(" | ").append(note(r)).append(" |\n");
            }
        }
    }

    private void process(StringBuilder md, Section s) {
        md.append("| database | N | tool | median wall ms | min–max ms | × raw JDBC | × Tern | CPU s | peak RSS MB |")
                .append(COUNT_HEAD).append(" note |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|").append(COUNT_LINE).append("---|\n");
        for (List<Result> cell : s.cells()) {
            Optional<Result> raw = find(cell, RawJdbcTool.NAME);
            Optional<Result> tern = find(cell, TernTool.NAME);
            for (Result r : cell) {
                md.append("| ").append(r.database()).append(" | ").append(r.size()).append(" | ").append(r.tool())
                        .append(" | ").append(time(r))
                        .append(" | ").append(raw.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(tern.map(b -> ratio(r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(ratio(r.extras().getOrDefault("CPU s", Double.NaN)))
                        .append(" | ").append(ms(r.extras().getOrDefault("peak RSS MB", Double.NaN)))
                        .append(" | ").append(counts(r)).append(" | ").append(note(r)).append(" |\n");
            }
        }
    }

    private void data(StringBuilder md, Section s) {
        md.append("| database | rows | tool | median ms | min–max ms | rows/s | throughput × raw JDBC |").append(COUNT_HEAD)
                .append(" note |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|").append(COUNT_LINE).append("---|\n");
        for (List<Result> cell : s.cells()) {
            Optional<Result> raw = find(cell, RawJdbcTool.NAME);
            for (Result r : cell) {
                double rows = Double.parseDouble(r.size());
                md.append("| ").append(r.database()).append(" | ").append(r.size()).append(" | ").append(r.tool())
                        .append(" | ").append(time(r))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", rows / (r.medianMillis() / 1000)))
                        .append(" | ").append(raw.map(b -> ratio(1 / r.ratioTo(b))).orElse("-"))
                        .append(" | ").append(counts(r)).append(" | ").append(note(r)).append(" |\n");
            }
        }
    }

    private Optional<Result> lookup(String section, String database, String size, String tool) {
        return sections.stream().filter(s -> s.id().equals(section)).flatMap(s -> s.cells().stream())
                .flatMap(List::stream)
                .filter(r -> r.database().equals(database) && r.size().equals(size) && r.tool().equals(tool))
                .findFirst();
    }

    private void target(StringBuilder md, String what, String database, String goal, String measured,
                        Predicate<Void> met, boolean known) {
        md.append("| ").append(what).append(" | ").append(database).append(" | ").append(goal).append(" | ")
                .append(measured).append(" | ").append(!known ? "not measured" : met.test(null) ? "met" : "**not met**")
                .append(" |\n");
    }

    /** The targets of the issue, each with what this run measured. */
    String targets() {
        StringBuilder md = new StringBuilder("| target | database | goal | measured | status |\n|---|---|---|---|---|\n");
        for (DatabaseKind kind : DatabaseKind.values()) {
            String db = kind.id();
            // Warm no-op start: constant round trips whatever N, at most 4 at N = 1000.
            List<Long> trips = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (String n : List.of("10", "100", "1000")) {
                lookup("warm", db, n, TernTool.NAME).filter(r -> r.counts() != null).ifPresent(r -> {
                    trips.add(r.counts().roundTrips());
                    shown.add("N=" + n + ": " + r.counts().roundTrips());
                });
            }
            Optional<Result> at1000 = lookup("warm", db, "1000", TernTool.NAME).filter(r -> r.counts() != null);
            target(md, "warm no-op start: round trips constant in N, ≤ 4 at N = 1000", db, "≤ 4, constant",
                    String.join(", ", shown), v -> trips.stream().distinct().count() == 1
                            && at1000.get().counts().roundTrips() <= 4, at1000.isPresent());
            if (kind == DatabaseKind.POSTGRESQL || kind == DatabaseKind.MARIADB) {
                for (String[] t : new String[][] {{"Flyway", "3"}, {"Liquibase", "10"}}) {
                    Optional<Result> other = lookup("warm", db, "1000", t[0]);
                    double r = other.isPresent() && at1000.isPresent() ? other.get().ratioTo(at1000.get()) : Double.NaN;
                    target(md, "warm no-op start N = 1000: Tern ≥ " + t[1] + "× faster than " + t[0], db,
                            t[0] + "/Tern ≥ " + t[1], ratio(r), v -> r >= Double.parseDouble(t[1]), !Double.isNaN(r));
                }
            }
            Optional<Result> cold = lookup("cold", db, "1000", TernTool.NAME);
            if (kind == DatabaseKind.POSTGRESQL) {
                Optional<Result> raw = lookup("cold", db, "1000", RawJdbcTool.NAME);
                double r = cold.isPresent() && raw.isPresent() ? cold.get().ratioTo(raw.get()) : Double.NaN;
                target(md, "cold apply N = 1000: ≤ 1.2× raw JDBC", db, "Tern/raw ≤ 1.2", ratio(r), v -> r <= 1.2,
                        !Double.isNaN(r));
            }
            for (String other : List.of("Flyway", "Liquibase")) {
                Optional<Result> o = lookup("cold", db, "1000", other);
                double r = cold.isPresent() && o.isPresent() ? cold.get().ratioTo(o.get()) : Double.NaN;
                target(md, "cold apply N = 1000: faster than " + other, db, "Tern/" + other + " < 1", ratio(r),
                        v -> r < 1, !Double.isNaN(r));
            }
            Optional<Result> race = lookup("racing", db, "100", TernTool.NAME + " x4");
            Optional<Result> alone = lookup("racing", db, "100", TernTool.NAME + " x1");
            double rr = race.isPresent() && alone.isPresent() ? race.get().ratioTo(alone.get()) : Double.NaN;
            target(md, "racing start N = 100, 4 nodes: every step once, ≤ 1.5× one node", db, "once; ×4/×1 ≤ 1.5",
                    race.map(r -> r.error() != null ? "failed" : ratio(rr) + ", " + r.note()).orElse("-"),
                    v -> race.get().error() == null && rr <= 1.5, race.isPresent());
            Optional<Result> data = sections.stream().filter(s -> s.id().equals("data")).flatMap(s -> s.cells().stream())
                    .flatMap(List::stream).filter(r -> r.database().equals(db) && r.tool().equals(TernTool.NAME)).findFirst();
            Optional<Result> dataRaw = sections.stream().filter(s -> s.id().equals("data")).flatMap(s -> s.cells().stream())
                    .flatMap(List::stream).filter(r -> r.database().equals(db) && r.tool().equals(RawJdbcTool.NAME)).findFirst();
            double dr = data.isPresent() && dataRaw.isPresent() ? 1 / data.get().ratioTo(dataRaw.get()) : Double.NaN;
            target(md, "data step: ≥ 0.8× raw JDBC batching throughput", db, "≥ 0.8", ratio(dr), v -> dr >= 0.8,
                    !Double.isNaN(dr));
        }
        return md.toString();
    }
}
