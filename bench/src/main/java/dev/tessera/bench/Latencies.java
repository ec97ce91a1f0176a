package dev.tessera.bench;

import java.util.Arrays;

/** Exact percentiles of a run's latencies (a few hundred thousand longs at most: no histogram needed). */
record Latencies(long[] sortedNanos) {

    static Latencies of(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile in milliseconds; NaN when nothing was recorded. */
    double percentileMs(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.min(sortedNanos.length - 1, Math.max(0, rank - 1))] / 1e6;
    }

    double maxMs() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    double meanMs() {
        return sortedNanos.length == 0 ? Double.NaN : Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
    }

    String summary() {
        return String.format("p50 %.1f / p90 %.1f / p99 %.1f / p99.9 %.1f / max %.1f ms",
                percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs());
    }
}
