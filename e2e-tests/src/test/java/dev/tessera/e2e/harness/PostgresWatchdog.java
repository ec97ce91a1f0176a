package dev.tessera.e2e.harness;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tessera.deploy.PostmasterWatchdog;

/**
 * Makes platform-testing's embedded PostgreSQL die with this JVM, too. {@code pg_ctl} detaches the postmaster, so
 * a killed test JVM leaves it running until the next test JVM's sweep; deploy's {@link PostmasterWatchdog}, which
 * the local suite gives its PostgreSQL, stops it when this JVM dies, however it dies. At a normal end the watchdog
 * is dismissed first and platform-testing stops the server as usual.
 */
final class PostgresWatchdog {

    private static final Pattern PORT = Pattern.compile("^jdbc:postgresql://[^:/]+:(\\d+)/");

    private final PostmasterWatchdog watchdog;

    private PostgresWatchdog(PostmasterWatchdog watchdog) {
        this.watchdog = watchdog;
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
            return Optional.of(new PostgresWatchdog(PostmasterWatchdog.start(postmaster.get())));
        } catch (IOException e) {
            System.out.println("[e2e] warning: no watchdog for PostgreSQL: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Ends the watchdog without letting it stop the server. */
    void dismiss() {
        watchdog.dismiss();
    }
}
