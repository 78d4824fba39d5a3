package dev.tern.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the contenders of one cell: warm-up rounds, then measured rounds; in every round each
 * contender runs once, in an order rotated by one each round so that none always runs first (or
 * right after the heaviest). A contender that fails stops there and is reported with its error.
 */
public final class Harness {
    private final int warmups;
    private final int rounds;
    private final PrintStream progress;

    /**
     * @param warmups rounds run but not recorded
     * @param rounds rounds recorded
     * @param progress where to print one line per round
     */
    public Harness(int warmups, int rounds, PrintStream progress) {
        this.warmups = warmups;
        this.rounds = rounds;
        this.progress = progress;
    }

    /**
     * @param cell the cell's label
     * @param database the database id
     * @param size the workload size as printed
     * @param contenders who runs
     * @return one result per contender, in the contenders' order
     */
    public List<Result> run(String cell, String database, String size, List<Contender> contenders) {
        int k = contenders.size();
        Session[] sessions = new Session[k];
        String[] errors = new String[k];
        List<List<Long>> nanos = new ArrayList<>();
        List<Map<String, List<Double>>> extras = new ArrayList<>();
        RoundTrips.Counts[] counts = new RoundTrips.Counts[k];
        for (int i = 0; i < k; i++) {
            nanos.add(new ArrayList<>());
            extras.add(new HashMap<>());
            try {
                sessions[i] = contenders.get(i).opener().open();
            } catch (Exception | LinkageError | AssertionError e) {
                errors[i] = describe(e);
            }
        }
        try {
            for (int r = 0; r < warmups + rounds; r++) {
                boolean recorded = r >= warmups;
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < k; j++) {
                    int i = (j + r) % k;
                    Long time = null;
                    if (errors[i] == null) {
                        Session s = sessions[i];
                        try {
                            s.beforeRound();
                            System.gc();
                            s.counts().reset();
                            long t0 = System.nanoTime();
                            s.measured();
                            long t1 = System.nanoTime();
                            // afterRound checks on connections of its own, never counted; a child
                            // process's counts arrive there.
                            Map<String, Double> x = s.afterRound();
                            RoundTrips.Counts c = s.counts().snapshot();
                            time = t1 - t0;
                            if (recorded) {
                                counts[i] = c;
                                x.forEach((name, v) -> extras.get(i).computeIfAbsent(name, n -> new ArrayList<>()).add(v));
                            }
                        } catch (Exception | LinkageError | AssertionError e) {
                            errors[i] = describe(e);
                        }
                    }
                    if (recorded) {
                        nanos.get(i).add(time);
                    }
                    line.append(' ').append(contenders.get(i).name()).append('=')
                            .append(time == null ? "failed" : String.format("%.1fms", time / 1e6));
                }
                progress.printf("  %s round %d%s:%s%n", cell, r + 1, recorded ? "" : " (warm-up)", line);
            }
        } finally {
            for (Session s : sessions) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (Exception e) {
                        progress.println("  clean-up failed: " + describe(e));
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String note = sessions[i] == null ? "" : sessions[i].note();
            results.add(new Result(cell, database, size, contenders.get(i).name(), nanos.get(i), counts[i],
                    Result.medians(extras.get(i)), note, errors[i]));
            if (errors[i] != null) {
                progress.println("  " + contenders.get(i).name() + " failed: " + errors[i]);
            }
        }
        return results;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            s.append(" (cause ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
        }
        String text = s.toString().replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
