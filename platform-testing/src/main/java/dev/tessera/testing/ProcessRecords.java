package dev.tessera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pid records: the files that let a later run stop the processes an earlier run started and could not stop itself,
 * because it was killed without running its shutdown hooks ({@code kill -9}, a surefire timeout, an IDE's stop
 * button, a closed terminal, an out-of-memory kill).
 *
 * <p>A record is one line, {@code <pid> <start instant>} ({@link #describe}). A live process is taken for the
 * recorded one only if, where both are known, it started within two seconds of the recorded instant, so a pid the
 * kernel has since given to an unrelated process is never touched.
 *
 * <p>Two kinds of owners keep records:
 * <ul>
 *   <li>a launcher that owns a run directory through an operating-system lock ({@link #tryLock}): deploy's local
 *       suite in {@code .local/run/} and the end-to-end harness in {@code e2e-tests/target/e2e/run/}. It records
 *       each child under a name ({@link #record}, {@link #forget}); the next launcher to take the lock stops what is
 *       still recorded ({@link #reapLeftovers});</li>
 *   <li>a test JVM, which owns a scratch directory named after its pid and records its servers there with
 *       {@value TestDirectories#PID_SUFFIX} files; the next test JVM stops them once it finds that JVM dead (see
 *       {@link TestDirectories}).</li>
 * </ul>
 */
public final class ProcessRecords implements AutoCloseable {

    static final String SUFFIX = ".pid";
    private static final String LOCK_FILE = "suite.lock";
    // Records whose name starts so are stopped after all others, so that nothing is still connected when PostgreSQL
    // shuts down.
    private static final String STOPPED_LAST = "postgres";
    // /proc start times have clock-tick resolution and may be rounded differently by two JVMs.
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);
    // A Quarkus service or Kafka shuts down gracefully within this even on a loaded machine.
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(15);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ProcessRecords(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory} (created if missing) and answers its records, or answers empty when
     * another launcher holds the lock. The operating system releases the lock when its holder dies, however it dies,
     * so a stale lock never blocks a start.
     *
     * @throws UncheckedIOException if the directory or its lock file cannot be created
     */
    public static Optional<ProcessRecords> tryLock(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(describe(ProcessHandle.current())));
            return Optional.of(new ProcessRecords(directory, channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the lock " + lockFile, e);
        }
    }

    /** The pid of the launcher holding the lock of {@code directory}, or {@code unknown}; for messages. */
    public static String lockHolder(Path directory) {
        try {
            String content = Files.readString(directory.resolve(LOCK_FILE), StandardCharsets.UTF_8).trim();
            return content.isEmpty() ? "unknown" : content.split("\\s+")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Records {@code process} under {@code name}, replacing an earlier record of that name; {@link #reapLeftovers()}
     * of a later launcher stops it if it is still alive then.
     */
    public void record(String name, ProcessHandle process) {
        write(directory.resolve(name + SUFFIX), process);
    }

    /** Deletes the record of {@code name}, once its process has been stopped. */
    public void forget(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name + SUFFIX));
        } catch (IOException e) {
            // A stale record is harmless: its process is gone and the start time will not match a new one.
        }
    }

    /**
     * Stops every recorded process that is still alive (a leftover of a launcher that was killed) and deletes all
     * records. Everything else is stopped before the records named {@code postgres...}. Returns what was stopped,
     * as {@code name (pid N)}, for the user to see.
     */
    public List<String> reapLeftovers() {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            files.forEach(records::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pid records in " + directory, e);
        }
        // A process whose start time cannot be read is left alone: better a leftover than a stranger killed.
        List<String> stopped = stopRecorded(records, SUFFIX, TERMINATE_GRACE, false);
        records.forEach(record -> forget(nameOf(record, SUFFIX)));
        return stopped;
    }

    /** Releases the lock; the records stay for the next launcher. */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes away with the process anyway.
        }
    }

    /** A record's content for {@code process}: {@code <pid> <start instant>}, the instant empty if unknown. */
    public static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("") + "\n";
    }

    /** Writes the record of {@code process} to {@code file}; a concurrent reader never sees half of it. */
    static void write(Path file, ProcessHandle process) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, describe(process), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record pid " + process.pid() + " in " + file, e);
        }
    }

    /**
     * Whether process {@code pid} runs and is the one {@code record} describes (a missing or unreadable record
     * proves nothing against it). One whose start time cannot be read counts as alive.
     */
    static boolean isAlive(long pid, Path record) {
        Instant start = read(record).map(Record::start).orElse(null);
        return new Record(pid, start).liveProcess(true).isPresent();
    }

    /**
     * Stops the live processes named by the record files {@code records} (named {@code <name><suffix>}): all at
     * once, except that those whose record is named {@code postgres...} are stopped after the others have exited.
     * Returns them as {@code name (pid N)}. {@code trustPidAlone}: whether a live process whose start time cannot be
     * read is taken for the recorded one.
     */
    static List<String> stopRecorded(Collection<Path> records, String suffix, Duration grace, boolean trustPidAlone) {
        List<String> stopped = new ArrayList<>();
        for (boolean last : new boolean[] {false, true}) {
            List<ProcessHandle> wave = new ArrayList<>();
            for (Path record : records) {
                String name = nameOf(record, suffix);
                if (name.startsWith(STOPPED_LAST) != last) {
                    continue;
                }
                read(record).flatMap(r -> r.liveProcess(trustPidAlone)).ifPresent(process -> {
                    wave.add(process);
                    stopped.add(name + " (pid " + process.pid() + ")");
                });
            }
            terminate(wave, grace);
        }
        return stopped;
    }

    /** SIGTERM to all, then SIGKILL to each (and its descendants) that has not exited within {@code grace}. */
    private static void terminate(Collection<ProcessHandle> processes, Duration grace) {
        // SIGTERM lets PostgreSQL shut down cleanly and release its shared memory, and Kafka close its logs.
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static String nameOf(Path record, String suffix) {
        String file = record.getFileName().toString();
        return file.endsWith(suffix) ? file.substring(0, file.length() - suffix.length()) : file;
    }

    private static Optional<Record> read(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            Instant start = parts.length > 1 && !parts[1].isEmpty() ? Instant.parse(parts[1]) : null;
            return Optional.of(new Record(Long.parseLong(parts[0]), start));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What a record says; {@code start} is null when the recording JVM could not read it. */
    private record Record(long pid, Instant start) {

        Optional<ProcessHandle> liveProcess(boolean trustPidAlone) {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> start == null || process.info().startInstant()
                            .map(actual -> Duration.between(actual, start).abs().compareTo(START_TOLERANCE) <= 0)
                            .orElse(trustPidAlone));
        }
    }
}
