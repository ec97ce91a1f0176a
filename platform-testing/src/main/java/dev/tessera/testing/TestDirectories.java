package dev.tessera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scratch directories of this JVM and clean-up after JVMs that died without cleaning up.
 *
 * <p>Layout: {@code ${java.io.tmpdir}/tessera-test/<pid>/} holds everything one test JVM creates (PostgreSQL
 * data, broker logs). The {@value #OWNER_FILE} file in it names the JVM by pid and start time, and every
 * server process started for this JVM is recorded in a {@code *.owned-pid} file next to its data. When a
 * test JVM is killed (surefire timeout, IDE stop button, {@code kill -9}), its shutdown hooks never run; the
 * next JVM that starts any test server finds the directory of a JVM that no longer exists, stops the
 * processes recorded there and deletes it.
 *
 * <p>The owner file and the process records are {@link ProcessRecords} records: a process is identified by pid
 * <em>and</em> start time, so a pid the kernel has since reused for an unrelated process is never killed and a live
 * JVM's directory is never taken for an orphan.
 */
final class TestDirectories {

    static final String ROOT_NAME = "tessera-test";
    static final String OWNER_FILE = "owner";
    static final String PID_SUFFIX = ".owned-pid";

    private static final System.Logger LOG = System.getLogger(TestDirectories.class.getName());
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);

    private static Path jvmDirectory;

    private TestDirectories() {
    }

    /** The root shared by all test JVMs on this machine. */
    static Path root() {
        return Paths.get(System.getProperty("java.io.tmpdir"), ROOT_NAME);
    }

    /**
     * This JVM's directory, created on first use. The first call also cleans up after dead JVMs, so the
     * sweep happens exactly when a JVM is about to start servers of its own.
     */
    static synchronized Path jvmDirectory() {
        if (jvmDirectory == null) {
            Path root = root();
            sweepOrphans(root);
            ProcessHandle self = ProcessHandle.current();
            Path dir = root.resolve(Long.toString(self.pid()));
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the test directory " + dir, e);
            }
            ProcessRecords.write(dir.resolve(OWNER_FILE), self);
            jvmDirectory = dir;
        }
        return jvmDirectory;
    }

    /** A new, empty directory under this JVM's directory. */
    static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(jvmDirectory(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory under " + jvmDirectory(), e);
        }
    }

    /** Records that {@code process} belongs to this JVM, so an orphan sweep can stop it if we die. */
    static void recordProcess(Path directory, String name, ProcessHandle process) {
        ProcessRecords.write(directory.resolve(name + PID_SUFFIX), process);
    }

    /**
     * Deletes this JVM's directory if nothing but the owner file is left in it. Several class loaders may
     * each own servers under the same directory; the last one to finish removes it.
     */
    static synchronized void deleteJvmDirectoryIfEmpty() {
        if (jvmDirectory == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(jvmDirectory)) {
            if (entries.allMatch(entry -> entry.getFileName().toString().equals(OWNER_FILE))) {
                FileTrees.deleteRecursively(jvmDirectory);
            }
        } catch (NoSuchFileException e) {
            // Another class loader's hook removed it first.
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not tidy " + jvmDirectory, e);
        }
    }

    /** Stops the recorded processes of every JVM directory under {@code root} whose JVM is gone, then deletes it. */
    static void sweepOrphans(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (isOrphan(dir)) {
                    orphans.add(dir);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not scan " + root + " for leftovers of dead test JVMs", e);
            return;
        }
        for (Path orphan : orphans) {
            LOG.log(Level.INFO, "Cleaning up after dead test JVM: " + orphan);
            stopRecordedProcesses(orphan);
            try {
                FileTrees.deleteRecursively(orphan);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete " + orphan, e);
            }
        }
    }

    private static boolean isOrphan(Path dir) {
        long pid;
        try {
            pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return false;
        }
        // Without an owner file the JVM may be creating its directory right now: the pid alone decides.
        return pid != ProcessHandle.current().pid() && !ProcessRecords.isAlive(pid, dir.resolve(OWNER_FILE));
    }

    private static void stopRecordedProcesses(Path dir) {
        List<Path> records;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            records = files.filter(file -> file.getFileName().toString().endsWith(PID_SUFFIX)).toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not read the process records in " + dir, e);
            return;
        }
        // A live process whose start time cannot be read (no /proc access) is taken for the recorded one: a live
        // pid is the best evidence there is, and a test server left running would hold its port and memory.
        List<String> stopped = ProcessRecords.stopRecorded(records, PID_SUFFIX, TERMINATE_GRACE, true);
        if (!stopped.isEmpty()) {
            LOG.log(Level.INFO, "Stopped orphaned test server processes: " + String.join(", ", stopped));
        }
    }
}
