package dev.tessera.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory of the suite's processes, from {@code /proc} (Linux). Resident set sizes (RSS) count memory shared between
 * processes (PostgreSQL's shared buffers, the JDK's class data archive) once per process, so their sum overstates
 * the footprint; the proportional set size (PSS) splits shared pages among their users and adds up correctly.
 */
final class Memory {

    /** One {@code /proc} measure, in KiB. */
    enum Measure {
        RSS("status", "VmRSS:"),
        PSS("smaps_rollup", "Pss:");

        private final String file;
        private final String prefix;

        Measure(String file, String prefix) {
            this.file = file;
            this.prefix = prefix;
        }
    }

    private Memory() {
    }

    /** The measure of the process and all its descendants; empty where /proc is not available. */
    static Optional<Long> treeKib(ProcessHandle root, Measure measure) {
        long total = 0;
        boolean any = false;
        List<ProcessHandle> processes = Stream.concat(Stream.of(root), root.descendants()).toList();
        for (ProcessHandle process : processes) {
            Optional<Long> kib = read(process.pid(), measure);
            if (kib.isPresent()) {
                total += kib.get();
                any = true;
            }
        }
        return any ? Optional.of(total) : Optional.empty();
    }

    /** The measure of the process alone. */
    static Optional<Long> ownKib(ProcessHandle process, Measure measure) {
        return read(process.pid(), measure);
    }

    static String format(Optional<Long> kib) {
        return kib.map(value -> String.format("%d MB", Math.round(value / 1024.0))).orElse("n/a");
    }

    private static Optional<Long> read(long pid, Measure measure) {
        Path file = Path.of("/proc", Long.toString(pid), measure.file);
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(measure.prefix)) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, not permitted, or the process has just exited.
        }
        return Optional.empty();
    }
}
