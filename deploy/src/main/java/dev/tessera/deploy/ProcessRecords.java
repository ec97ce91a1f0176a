package dev.tessera.deploy;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The running suite's lock and the pid records that let the next start clean up after a launcher that was
 * killed without running its shutdown hook ({@code kill -9}, a closed terminal, an out-of-memory kill).
 *
 * <p>Child JVMs normally die with the launcher on their own (their stdin watchdog sees the pipe close) and
 * PostgreSQL is stopped by its shell watchdog; the records catch whatever survived anyway, for example when the
 * whole process group was killed at once. A record holds the pid and the process's start time, so a pid the
 * kernel has since given to an unrelated process is never touched.
 */
final class ProcessRecords implements AutoCloseable {

    private static final String SUFFIX = ".pid";
    private static final String LOCK_FILE = "suite.lock";
    // /proc start times have clock-tick resolution and may be rounded differently by two JVMs.
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);
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
     * Takes the suite lock, or answers empty when another launcher holds it. The operating system releases the
     * lock when its holder dies, however it dies, so a stale lock never blocks a start.
     */
    static Optional<ProcessRecords> tryLock(Path directory) {
        SuiteLayout.createDirectories(directory);
        Path lockFile = directory.resolve(LOCK_FILE);
        try {
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
            throw new UncheckedIOException("Cannot take the suite lock " + lockFile, e);
        }
    }

    /** The pid written by the launcher that holds the lock, for the "already running" message. */
    static String lockHolder(Path directory) {
        try {
            String content = Files.readString(directory.resolve(LOCK_FILE), StandardCharsets.UTF_8).trim();
            return content.isEmpty() ? "unknown" : content.split("\\s+")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Records {@code process} under {@code name}; {@link #reapLeftovers()} of a later start stops it if it is still alive. */
    void record(String name, ProcessHandle process) {
        Path file = directory.resolve(name + SUFFIX);
        Path temp = directory.resolve(name + SUFFIX + ".tmp");
        try {
            // Written aside and renamed, so a reader never sees half a record.
            Files.writeString(temp, describe(process), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record pid " + process.pid() + " in " + file, e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name + SUFFIX));
        } catch (IOException e) {
            // A stale record is harmless: its process is gone and the start time will not match a new one.
        }
    }

    /**
     * Stops every recorded process that is still alive (a leftover of a launcher that was killed) and deletes the
     * records. Returns what was stopped, for the user to see. JVMs and Kafka are stopped before PostgreSQL, whose
     * record is named {@code postgres}, so nothing is still connected when it shuts down.
     */
    List<String> reapLeftovers() {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            files.forEach(records::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pid records in " + directory, e);
        }
        records.sort((a, b) -> Boolean.compare(isPostgres(a), isPostgres(b)));
        List<String> stopped = new ArrayList<>();
        for (Path record : records) {
            String name = record.getFileName().toString();
            name = name.substring(0, name.length() - SUFFIX.length());
            Optional<ProcessHandle> live = readRecord(record).flatMap(ProcessRecords::liveProcess);
            if (live.isPresent()) {
                terminate(live.get());
                stopped.add(name + " (pid " + live.get().pid() + ")");
            }
            forget(name);
        }
        return stopped;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes away with the process anyway.
        }
    }

    /** SIGTERM, then SIGKILL after a grace period; children first get the same treatment. */
    static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static boolean isPostgres(Path record) {
        return record.getFileName().toString().startsWith("postgres");
    }

    static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("") + "\n";
    }

    private record Record(long pid, Instant start) {
    }

    private static Optional<Record> readRecord(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            Instant start = parts.length > 1 && !parts[1].isEmpty() ? Instant.parse(parts[1]) : null;
            return Optional.of(new Record(Long.parseLong(parts[0]), start));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> liveProcess(Record record) {
        return ProcessHandle.of(record.pid())
                .filter(ProcessHandle::isAlive)
                .filter(process -> record.start() == null || process.info().startInstant()
                        .map(actual -> Duration.between(actual, record.start()).abs().compareTo(START_TOLERANCE) <= 0)
                        .orElse(false));
    }
}
