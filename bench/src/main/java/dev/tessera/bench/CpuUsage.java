package dev.tessera.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the CPU went during a window, from /proc (Linux): the ingest service, PostgreSQL, the Kafka
 * broker, this bench, and everything else on the machine (other engineers' builds). On two shared cores
 * this is the quickest profile there is: it says which process a faster service would have to take
 * time from.
 */
final class CpuUsage {

    static final String SERVICE = "ingest service";
    static final String POSTGRES = "PostgreSQL";
    static final String KAFKA = "Kafka broker";
    static final String BENCH = "bench";

    private final long servicePid;
    private final String ownServersMarker;

    /** {@code servicePid}: the ingest service; PostgreSQL and Kafka are found by this JVM's scratch directory. */
    CpuUsage(long servicePid) {
        this.servicePid = servicePid;
        // TesseraInfra keeps this JVM's servers under ${java.io.tmpdir}/tessera-test/<pid>/, and both the
        // postmaster's and the broker's command lines name their directory there
        this.ownServersMarker = "tessera-test/" + ProcessHandle.current().pid() + "/";
    }

    record Snapshot(Map<String, Long> ticks, long machineBusy, long machineTotal, long nanoTime) {
    }

    Snapshot take() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put(SERVICE, ticks(tree(List.of(servicePid))));
        List<Long> postgres = new ArrayList<>();
        List<Long> kafka = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> {
                        String cmdline = cmdline(pid);
                        if (cmdline.contains(ownServersMarker)) {
                            String executable = cmdline.split(" ", 2)[0];
                            (executable.endsWith("postgres") ? postgres : kafka).add(pid);
                        }
                    });
        } catch (IOException e) {
            return new Snapshot(Map.of(), 0, 0, System.nanoTime());
        }
        // backends come and go with connections: the postmaster's reaped-children time keeps the exited ones
        ticks.put(POSTGRES, ticks(tree(postgres)) + childrenTicks(postgres));
        ticks.put(KAFKA, ticks(tree(kafka)));
        ticks.put(BENCH, ticks(List.of(ProcessHandle.current().pid())));
        long[] machine = machine();
        return new Snapshot(ticks, machine[0], machine[1], System.nanoTime());
    }

    /** CPU over a window, in percent of one core per group (the machine has nproc x 100%). */
    record Usage(Map<String, Double> percent, double everythingElse, double idle) {

        double of(String group) {
            return percent.getOrDefault(group, Double.NaN);
        }

        @Override
        public String toString() {
            if (percent.isEmpty()) {
                return "unavailable";
            }
            StringBuilder text = new StringBuilder();
            percent.forEach((group, value) -> text.append(String.format("%s %.0f%%, ", group, value)));
            return text.append(String.format("everything else %.0f%%, idle %.0f%% (of %d%%)", everythingElse, idle,
                    Runtime.getRuntime().availableProcessors() * 100)).toString();
        }
    }

    static Usage between(Snapshot before, Snapshot after) {
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        if (before.ticks().isEmpty() || after.ticks().isEmpty()) {
            return new Usage(Map.of(), 0, 0);
        }
        double hz = 100; // USER_HZ: /proc counts clock ticks of 1/100 s on Linux
        Map<String, Double> percent = new LinkedHashMap<>();
        long ours = 0;
        for (String group : after.ticks().keySet()) {
            long used = after.ticks().get(group) - before.ticks().getOrDefault(group, 0L);
            ours += used;
            percent.put(group, 100 * used / hz / seconds);
        }
        long busy = after.machineBusy() - before.machineBusy();
        long total = after.machineTotal() - before.machineTotal();
        return new Usage(percent, Math.max(0, 100 * (busy - ours) / hz / seconds), 100.0 * (total - busy) / hz / seconds);
    }

    private static List<Long> tree(List<Long> roots) {
        Set<Long> pids = new HashSet<>(roots);
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(handle -> handle.descendants().forEach(d -> pids.add(d.pid())));
        }
        return new ArrayList<>(pids);
    }

    /** utime + stime of each process (its threads included). */
    private static long ticks(List<Long> pids) {
        return statFields(pids, 11, 12);
    }

    /** cutime + cstime: CPU of children that exited and were waited for. */
    private static long childrenTicks(List<Long> pids) {
        return statFields(pids, 13, 14);
    }

    private static long statFields(List<Long> pids, int first, int second) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // the command name in parentheses may contain spaces: fields are counted after the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[first]) + Long.parseLong(fields[second]);
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        }
        return sum;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** Busy and total ticks of all CPUs from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user..steal; guest time is inside user
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
