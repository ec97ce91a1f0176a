package dev.tessera.kafka.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the child JVM that runs a single-node KRaft broker (combined broker and controller).
 *
 * <pre>
 * java -cp &lt;broker classpath&gt; dev.tessera.kafka.broker.BrokerLauncher &lt;server.properties&gt; [&lt;directory to delete when orphaned&gt;]
 * </pre>
 *
 * <p>The parent keeps this process's standard input open for as long as it wants the broker. End of
 * input means the parent has died (the kernel closes the pipe even on {@code kill -9}) or has given up
 * on the broker: the launcher then deletes the given directory and halts at once. Without this, a test
 * JVM killed by a timeout would leave a broker running and holding its ports and disk.
 *
 * <p>A graceful stop is a plain SIGTERM: Kafka's own shutdown hook then closes the logs cleanly, so the
 * same data directory can be started again.
 *
 * <p>The launcher depends on the broker jars only, so it can run on the classpath written to
 * {@link #CLASSPATH_RESOURCE}.
 */
public final class BrokerLauncher {

    /** Classpath resource holding the broker's runtime classpath, absolute paths separated by ':'. */
    public static final String CLASSPATH_RESOURCE = "dev/tessera/kafka/broker/kafka-broker.classpath";

    /** The line Kafka logs once the broker accepts clients; the parent waits for it. */
    public static final String STARTED_MESSAGE = "Kafka Server started";

    /** Exit status when the parent went away; distinguishes an orphan halt from a broker crash. */
    public static final int ORPHANED_EXIT_STATUS = 3;

    /** Exit status for bad arguments or a failed storage format. */
    public static final int FAILURE_EXIT_STATUS = 2;

    private static final String META_PROPERTIES = "meta.properties";

    private BrokerLauncher() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BrokerLauncher <server.properties> [<directory to delete when orphaned>]");
            System.exit(FAILURE_EXIT_STATUS);
        }
        Path serverProperties = Paths.get(args[0]).toAbsolutePath();
        Path orphanDirectory = args.length == 2 ? Paths.get(args[1]).toAbsolutePath() : null;

        // Started before anything slow, so a parent that dies during the format still takes us with it.
        startParentWatchdog(orphanDirectory);

        try {
            formatIfNeeded(serverProperties);
        } catch (RuntimeException | IOException e) {
            System.err.println("Formatting the KRaft storage failed: " + e);
            e.printStackTrace(System.err);
            System.exit(FAILURE_EXIT_STATUS);
        }
        Kafka.main(new String[] {serverProperties.toString()});
    }

    private static void startParentWatchdog(Path orphanDirectory) {
        Thread watchdog = new Thread(() -> {
            awaitEndOfInput(System.in);
            if (orphanDirectory != null) {
                deleteRecursively(orphanDirectory);
            }
            // halt, not exit: Kafka's shutdown hook would spend seconds on a controlled shutdown of a
            // broker nobody uses any more, and might block on the directory we just removed.
            Runtime.getRuntime().halt(ORPHANED_EXIT_STATUS);
        }, "tessera-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything it might send is ignored. Only end of input matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input: nobody is there any more.
        }
    }

    private static void formatIfNeeded(Path serverProperties) throws IOException {
        List<Path> logDirs = logDirectories(serverProperties);
        boolean formatted = !logDirs.isEmpty()
                && logDirs.stream().allMatch(dir -> Files.isRegularFile(dir.resolve(META_PROPERTIES)));
        if (formatted) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        String[] formatArgs = {
            "format", "--cluster-id", clusterId, "--config", serverProperties.toString(), "--ignore-formatted"
        };
        // StorageTool.execute returns a status instead of exiting (only StorageTool.main exits), so the
        // format and the broker can share this JVM and its warm classes.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int status = StorageTool.execute(formatArgs, out);
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format returned status " + status);
        }
    }

    private static List<Path> logDirectories(Path serverProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(serverProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String dirs = properties.getProperty("log.dirs", properties.getProperty("log.dir", ""));
        List<Path> result = new ArrayList<>();
        for (String dir : dirs.split(",")) {
            if (!dir.isBlank()) {
                result.add(Paths.get(dir.trim()));
            }
        }
        return result;
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    // The broker may be deleting segments concurrently; whatever is gone is fine.
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Already gone.
        } catch (IOException e) {
            System.err.println("Could not delete " + root + " after the parent went away: " + e);
        }
    }
}
