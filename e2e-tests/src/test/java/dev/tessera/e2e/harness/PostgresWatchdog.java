package dev.tessera.e2e.harness;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes platform-testing's embedded PostgreSQL die with this JVM, too. {@code pg_ctl} detaches the postmaster, so
 * a killed test JVM leaves it running until the next test JVM's sweep; this is deploy's answer for the local suite
 * ({@code LocalPostgres}): {@code sh -c 'read; kill -INT <postmaster>'} with this JVM holding its stdin, so the
 * kernel closing the pipe when this JVM dies, however it dies, makes the shell stop the server (fast shutdown).
 * At a normal end the watchdog is dismissed first and platform-testing stops the server as usual.
 */
final class PostgresWatchdog {

    private static final Pattern PORT = Pattern.compile("^jdbc:postgresql://[^:/]+:(\\d+)/");

    private final Process shell;

    private PostgresWatchdog(Process shell) {
        this.shell = shell;
    }

    /** Watches the postmaster serving {@code jdbcUrl}'s port from this JVM's scratch directory; empty if not found. */
    static Optional<PostgresWatchdog> watch(String jdbcUrl) {
        Matcher port = PORT.matcher(jdbcUrl);
        if (!port.find()) {
            return Optional.empty();
        }
        String ownDirectory = "/" + ProcessHandle.current().pid() + "/";
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> {
                    List<String> arguments = Arrays.asList(p.info().arguments().orElse(new String[0]));
                    int flag = arguments.indexOf("-p");
                    return flag >= 0 && flag + 1 < arguments.size() && arguments.get(flag + 1).equals(port.group(1))
                            && arguments.stream().anyMatch(a -> a.contains(ownDirectory));
                })
                .findFirst();
        if (postmaster.isEmpty()) {
            System.out.println("[e2e] warning: no postmaster found for " + jdbcUrl + "; if this JVM is killed, the next"
                    + " test JVM stops the leftover PostgreSQL");
            return Optional.empty();
        }
        try {
            Process shell = new ProcessBuilder("sh", "-c", "read -r ignored; kill -INT " + postmaster.get().pid() + " 2>/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(new PostgresWatchdog(shell));
        } catch (IOException e) {
            System.out.println("[e2e] warning: no watchdog for PostgreSQL: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Ends the watchdog without letting it stop the server (SIGTERM ends {@code read} and the shell with it). */
    void dismiss() {
        shell.toHandle().destroy();
        try {
            shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
