package dev.tessera.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tessera.testing.ProcessRecords;

/**
 * A child process of the launcher with its output in a log file and its standard input held open as a lifeline:
 * the child's watchdog ends it when the pipe closes, which happens when the launcher dies. The lifeline is closed
 * only after the child has exited, because closing it earlier is the signal to die at once.
 *
 * <p>A JVM child gets its watchdog from {@link WatchdogAgentJar} ({@code -javaagent:}). Public for the end-to-end
 * harness of e2e-tests, which starts the services the same way.
 */
public final class ChildProcess {

    // Variables meant for the launcher's own JVM (agents, debug ports) must not reach the children.
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final String name;
    private final Process process;
    private final OutputStream lifeline;
    private final Path logFile;
    private final ProcessRecords records;

    private ChildProcess(String name, Process process, Path logFile, ProcessRecords records) {
        this.name = name;
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.logFile = logFile;
        this.records = records;
    }

    /**
     * Starts {@code command} in {@code workingDirectory} with {@code environment} added to this JVM's (less the
     * variables that carry JVM options), output and errors appended to {@code logFile}, and records it in
     * {@code records} under {@code name} until {@link #awaitStop} has seen it exit.
     *
     * @throws UncheckedIOException if the command cannot be started
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, ProcessRecords records) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        JVM_OPTION_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
        records.record(name, process.toHandle());
        return new ChildProcess(name, process, logFile, records);
    }

    /** The {@code java} of the JVM running the launcher, so every child runs on the same JDK. */
    public static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Asks the child to stop (SIGTERM: Quarkus and Kafka then shut down gracefully); does not wait. Through the
     * ProcessHandle on purpose: {@code Process.destroy()} also closes the child's stdin right after the signal,
     * and the watchdog would take that for the launcher's death (Kafka's launcher then halts instead of shutting
     * down cleanly, which costs the next start a 9 s broker session timeout).
     */
    public void requestStop() {
        process.toHandle().destroy();
    }

    /** Waits up to {@code grace} for the child to exit after {@link #requestStop()}, then kills it and its children. */
    public void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("  " + name + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            lifeline.close();
        } catch (IOException e) {
            // The child is gone; nobody listens on the pipe.
        }
        records.forget(name);
    }

    /** {@link #requestStop()} and {@link #awaitStop}. */
    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** The end of the child's log, each line indented and marked for quoting in a message. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** The last {@code lines} lines of a text file (reads at most its last 256 KB). */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - 256 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            int start = Math.max(0, all.length - lines);
            StringBuilder tail = new StringBuilder();
            for (int i = start; i < all.length; i++) {
                tail.append("    | ").append(all[i]).append('\n');
            }
            return tail.toString();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
