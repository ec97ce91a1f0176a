package dev.tessera.deploy.watchdog;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent ({@code -javaagent:parent-watchdog.jar}) that ends a child JVM of the local suite when the launcher
 * goes away, however it goes away.
 *
 * <p>The launcher keeps the child's standard input open as a pipe and never writes to it. When the launcher dies,
 * even by {@code kill -9}, the kernel closes the pipe and this thread reads end of input; it then exits the JVM
 * normally, so Quarkus shuts down gracefully (closing its Kafka producers and database pool), and halts it if that
 * takes too long. An agent rather than a wrapper main class, because it works with {@code java -jar
 * quarkus-run.jar} unchanged.
 *
 * <p>This class must depend on nothing but the JDK: the launcher copies it alone into the agent jar.
 */
public final class ParentWatchdog {

    /** Exit status of a child that ended because its launcher went away. */
    public static final int ORPHANED_EXIT_STATUS = 3;

    private static final long HALT_AFTER_MILLIS = 20_000;

    private ParentWatchdog() {
    }

    public static void premain(String arguments) {
        Thread watchdog = new Thread(ParentWatchdog::watch, "tessera-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch() {
        awaitEndOfInput(System.in);
        if (isShuttingDown()) {
            // Already stopping (the launcher's SIGTERM); stdin may close on the way out. Nothing to add.
            return;
        }
        System.err.println("[tessera-parent-watchdog] the local suite launcher has gone away; shutting down");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ORPHANED_EXIT_STATUS);
        }, "tessera-parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(ORPHANED_EXIT_STATUS);
    }

    /** Adding a shutdown hook is refused exactly when the JVM has begun to shut down. */
    private static boolean isShuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // The launcher never writes; only the end of input matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same: nobody is there any more.
        }
    }
}
