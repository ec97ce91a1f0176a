package dev.tessera.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of deploy's local-suite launcher the end-to-end harness reuses, made reachable from another module.
 *
 * <p>deploy keeps these classes package-private, so this bridge sits in deploy's package (on the class path the
 * package is shared by the deploy jar and these test classes). It adds no behaviour: each member forwards to
 * deploy. Once deploy makes {@link ChildProcess}, {@link ProcessRecords}, {@link WatchdogAgentJar} and
 * {@link ServiceCatalog} public (the API change proposed in e2e-tests/README.md), this file goes and the harness
 * calls them directly.
 */
public final class DeployLauncher {

    private DeployLauncher() {
    }

    /** A service or the emulator as deploy's catalog knows it: Maven module name and database (null: emulator). */
    public record CatalogEntry(String name, String database) {

        public boolean isEmulator() {
            return database == null;
        }
    }

    /** deploy's {@code ServiceCatalog.ALL}, in its order (the emulator first). */
    public static List<CatalogEntry> catalog() {
        return ServiceCatalog.ALL.stream().map(s -> new CatalogEntry(s.name(), s.database())).toList();
    }

    public static String emulatorName() {
        return ServiceCatalog.EMULATOR;
    }

    public static String ingestName() {
        return ServiceCatalog.INGEST;
    }

    /** The {@code java} of this JVM, for the children. */
    public static String javaExecutable() {
        return ChildProcess.javaExecutable();
    }

    /** Writes deploy's one-class parent-watchdog agent jar ({@code -javaagent:}) into {@code directory}. */
    public static Path writeWatchdogAgent(Path directory) {
        return WatchdogAgentJar.write(directory);
    }

    /** deploy's pid records: a lock on a run directory, and clean-up of children a killed earlier run left behind. */
    public static final class Records implements AutoCloseable {
        private final ProcessRecords records;

        private Records(ProcessRecords records) {
            this.records = records;
        }

        /** Empty when another live JVM holds the directory's lock. */
        public static Optional<Records> tryLock(Path directory) {
            return ProcessRecords.tryLock(directory).map(Records::new);
        }

        /** Stops what a killed earlier run left alive in this directory's records; returns what it stopped. */
        public List<String> reapLeftovers() {
            return records.reapLeftovers();
        }

        @Override
        public void close() {
            records.close();
        }
    }

    /**
     * deploy's {@code ChildProcess}: output appended to a log file, stdin held open as the lifeline the child's
     * watchdog agent listens to, so the child dies with this JVM however this JVM dies.
     */
    public static final class Child {
        private final ChildProcess process;

        private Child(ChildProcess process) {
            this.process = process;
        }

        public static Child start(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                Path logFile, Records records) {
            return new Child(ChildProcess.start(name, command, environment, workingDirectory, logFile, records.records));
        }

        public String name() {
            return process.name();
        }

        public Path logFile() {
            return process.logFile();
        }

        public ProcessHandle handle() {
            return process.handle();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public int exitValue() {
            return process.exitValue();
        }

        /** SIGTERM through the process handle (the lifeline stays open so the child shuts down gracefully). */
        public void requestStop() {
            process.requestStop();
        }

        /** Waits for the exit, kills after {@code grace}, then closes the lifeline. */
        public void awaitStop(Duration grace) {
            process.awaitStop(grace);
        }

        public String logTail(int lines) {
            return process.logTail(lines);
        }
    }
}
