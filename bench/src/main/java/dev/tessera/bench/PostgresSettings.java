package dev.tessera.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durability settings of the benchmark's PostgreSQL, and {@code --durable}, which turns them on.
 *
 * <p>The embedded server of platform-testing is tuned for tests: it is started with {@code -F -c fsync=off
 * -c synchronous_commit=off -c full_page_writes=off} on its command line. {@code ALTER SYSTEM} writes
 * {@code postgresql.auto.conf}, and settings from a configuration file never override the command line,
 * so {@code ALTER SYSTEM} plus {@code pg_reload_conf()} leaves them off. {@code --durable} therefore
 * also restarts the postmaster ({@code pg_ctl restart}, same data directory, port and other options)
 * without those flags, then checks with {@code SHOW} that the settings are on.
 */
final class PostgresSettings {

    /** Settings the embedded server gets on its command line that {@code --durable} drops. */
    private static final Set<String> TEST_ONLY = Set.of("fsync", "synchronous_commit", "full_page_writes");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private PostgresSettings() {
    }

    /** e.g. "PostgreSQL 18.1, fsync=on, synchronous_commit=on, full_page_writes=on". */
    static String describe(String url, String user, String password) throws SQLException {
        Map<String, String> shown = show(url, user, password);
        return "PostgreSQL " + shown.get("server_version") + ", fsync=" + shown.get("fsync") + ", synchronous_commit="
                + shown.get("synchronous_commit") + ", full_page_writes=" + shown.get("full_page_writes");
    }

    /**
     * On the bench's own embedded server: {@code ALTER SYSTEM SET} fsync, synchronous_commit and
     * full_page_writes {@code = on} and reload; if its command line still overrides them, restarts it
     * without those options. An external server ({@code embedded} false) is only checked. Fails unless
     * {@code SHOW} then says on for all three. Returns how it got there, for the report.
     */
    static String makeDurable(String url, String user, String password, boolean embedded) throws Exception {
        if (!embedded) {
            // someone else's server: check, never reconfigure
            Map<String, String> shown = show(url, user, password);
            if (!durable(shown)) {
                throw new IllegalStateException("--durable: the external PostgreSQL server has " + shown
                        + "; the bench reconfigures only its own embedded server");
            }
            return "the external server's own settings";
        }
        String dataDirectory;
        try (Connection db = DriverManager.getConnection(url, user, password);
             Statement statement = db.createStatement()) {
            for (String name : TEST_ONLY) {
                statement.execute("alter system set " + name + " = on");
            }
            try (ResultSet reloaded = statement.executeQuery("select pg_reload_conf()")) {
                reloaded.next();
            }
            dataDirectory = single(statement, "show data_directory");
        }
        // the reload is asynchronous (SIGHUP); give the postmaster and this backend's successor a moment
        Map<String, String> shown = Map.of();
        for (int attempt = 0; attempt < 20; attempt++) {
            shown = show(url, user, password);
            if (durable(shown)) {
                return "ALTER SYSTEM and pg_reload_conf()";
            }
            Thread.sleep(100);
        }
        restartWithoutTestOptions(Path.of(dataDirectory));
        shown = show(url, user, password);
        if (!durable(shown)) {
            throw new IllegalStateException("--durable: still " + shown + " after restarting PostgreSQL without "
                    + TEST_ONLY + " on its command line");
        }
        return "ALTER SYSTEM, then a restart without the test-only -F / -c fsync=off, synchronous_commit=off, "
                + "full_page_writes=off on the command line";
    }

    /**
     * {@code ALTER SYSTEM SET name = 'value'} for each {@code name=value}, then a reload; returns what
     * {@code SHOW} says afterwards (a setting that needs a restart shows its old value unless
     * {@code --durable} restarts the server, which reads them again).
     */
    static String apply(String url, String user, String password, List<String> settings) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, password);
             Statement statement = db.createStatement()) {
            for (String setting : settings) {
                int equals = setting.indexOf('=');
                String name = equals < 0 ? "" : setting.substring(0, equals).trim();
                if (!name.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("--pg-setting wants name=value, got " + setting);
                }
                String value = setting.substring(equals + 1).trim().replace("'", "''");
                statement.execute("alter system set " + name + " = '" + value + "'");
                names.add(name);
            }
            try (ResultSet reloaded = statement.executeQuery("select pg_reload_conf()")) {
                reloaded.next();
            }
        }
        Thread.sleep(200); // the reload is a signal to the postmaster; new backends see it shortly after
        List<String> shown = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, password);
             Statement statement = db.createStatement()) {
            for (String name : names) {
                shown.add(name + "=" + single(statement, "show " + name));
            }
        }
        return String.join(", ", shown);
    }

    private static boolean durable(Map<String, String> shown) {
        return "on".equals(shown.get("fsync")) && "on".equals(shown.get("synchronous_commit"))
                && "on".equals(shown.get("full_page_writes"));
    }

    private static Map<String, String> show(String url, String user, String password) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, user, password);
             Statement statement = db.createStatement()) {
            return Map.of("server_version", single(statement, "show server_version"),
                    "fsync", single(statement, "show fsync"),
                    "synchronous_commit", single(statement, "show synchronous_commit"),
                    "full_page_writes", single(statement, "show full_page_writes"));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * {@code pg_ctl restart} with the options of {@code postmaster.opts} (what zonky's pg_ctl start passed)
     * minus {@code -F} and the test-only {@code -c} settings. The new postmaster writes to the same log and
     * keeps its data directory under this JVM's scratch directory, so the CPU accounting and the shutdown
     * hook (pg_ctl stop on the data directory) still find it; its pid record for the orphan sweep is updated.
     */
    private static void restartWithoutTestOptions(Path data) throws IOException, InterruptedException {
        String opts = Files.readString(data.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
        // /path/bin/postgres "-D" "/data" "-p" "39909" "-F" "-c" "fsync=off" "-c" "timezone=UTC" ...
        int firstQuote = opts.indexOf('"');
        if (firstQuote < 0) {
            throw new IllegalStateException("unexpected postmaster.opts: " + opts);
        }
        Path pgCtl = Path.of(opts.substring(0, firstQuote).trim()).resolveSibling("pg_ctl");
        List<String> args = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(opts.substring(firstQuote));
        while (quoted.find()) {
            args.add(quoted.group(1));
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-c") && i + 1 < args.size() && TEST_ONLY.contains(args.get(i + 1).split("=", 2)[0])) {
                i++; // a test-only setting: dropped
            } else if (!arg.equals("-F")) {
                // everything else is kept, -D too: pg_ctl restart would pass the data directory in PGDATA
                // only, and CpuUsage finds the postmaster by the data directory on its command line
                kept.add('"' + arg + '"');
            }
        }
        Path log = data.resolveSibling("postgres.log");
        List<String> command = new ArrayList<>();
        if (ProcessHandle.current().info().user().filter("root"::equals).isPresent()) {
            // pg_ctl refuses to run as root; zonky runs it in a user namespace (its LinuxUtils), so do we
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "restart", "-D", data.toString(), "-m", "fast", "-w", "-t", "60",
                "-o", String.join(" ", kept)));
        Process pgCtlRestart = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // the postmaster inherits this: it logs where zonky's start had it log
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!pgCtlRestart.waitFor(90, TimeUnit.SECONDS) || pgCtlRestart.exitValue() != 0) {
            pgCtlRestart.destroy();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("pg_ctl restart of " + data + " failed; the end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        recordPostmaster(data);
    }

    /** Updates platform-testing's record of the postmaster (TestDirectories format: "pid start-instant"). */
    private static void recordPostmaster(Path data) throws IOException {
        Path record = data.resolveSibling("postgres.owned-pid");
        if (!Files.exists(record)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).trim());
        String start = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toString).orElse("");
        Path temp = record.resolveSibling(record.getFileName() + ".tmp");
        Files.writeString(temp, pid + " " + start + "\n", StandardCharsets.UTF_8);
        Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
