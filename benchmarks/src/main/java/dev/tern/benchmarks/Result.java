package dev.tern.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one contender measured in one cell: its time per measured round (null where the round
 * failed), the JDBC counts of its last measured round, the medians of its extra figures, and an
 * error if it failed.
 *
 * @param cell the cell, e.g. {@code postgresql N=100}
 * @param database the database id
 * @param size the workload size as printed (e.g. {@code 1000} or {@code 20x50})
 * @param tool the contender's name
 * @param nanos the time of every measured round, null for a failed round
 * @param counts the counts of the last successful measured round, null if none
 * @param extras medians of the extra figures
 * @param note what was verified
 * @param error the failure, null if none
 */
public record Result(String cell, String database, String size, String tool, List<Long> nanos, RoundTrips.Counts counts,
                     Map<String, Double> extras, String note, String error) {

    /** @return the median time in milliseconds, NaN if no round succeeded */
    public double medianMillis() {
        return Stats.median(millis());
    }

    /** @return the successful rounds' times in milliseconds */
    public List<Double> millis() {
        List<Double> result = new ArrayList<>();
        for (Long n : nanos) {
            if (n != null) {
                result.add(n / 1e6);
            }
        }
        return result;
    }

    /**
     * The median over rounds of this contender's time divided by the other's in the same round:
     * ratios per round, because the machine's speed drifts between rounds.
     *
     * @param other the baseline, measured in the same rounds
     * @return the median ratio, NaN if no round has both
     */
    public double ratioTo(Result other) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(nanos.size(), other.nanos.size()); i++) {
            Long a = nanos.get(i);
            Long b = other.nanos.get(i);
            if (a != null && b != null && b > 0) {
                ratios.add((double) a / b);
            }
        }
        return Stats.median(ratios);
    }

    static Map<String, Double> medians(Map<String, List<Double>> values) {
        Map<String, Double> result = new TreeMap<>();
        values.forEach((k, v) -> result.put(k, Stats.median(v)));
        return result;
    }
}
