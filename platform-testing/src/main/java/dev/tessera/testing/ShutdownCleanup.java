package dev.tessera.testing;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes test servers when the JVM exits normally. One shutdown hook per class loader closes everything
 * registered, newest first, then removes this JVM's scratch directory if nothing else is left in it.
 * Abnormal deaths are handled by {@link TestDirectories#sweepOrphans} in the next JVM and, for brokers,
 * by the child's own stdin watchdog.
 */
final class ShutdownCleanup {

    private static final System.Logger LOG = System.getLogger(ShutdownCleanup.class.getName());
    private static final Deque<AutoCloseable> RESOURCES = new ArrayDeque<>();
    private static boolean hookInstalled;

    private ShutdownCleanup() {
    }

    static synchronized void register(AutoCloseable resource) {
        if (!hookInstalled) {
            Thread hook = new Thread(ShutdownCleanup::closeAll, "tessera-test-cleanup");
            // The hook must not pin a Quarkus class loader that is closed long before the JVM exits.
            hook.setContextClassLoader(ShutdownCleanup.class.getClassLoader());
            Runtime.getRuntime().addShutdownHook(hook);
            hookInstalled = true;
        }
        RESOURCES.push(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        RESOURCES.remove(resource);
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (ShutdownCleanup.class) {
                next = RESOURCES.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "Could not close " + next + " at JVM exit", e);
            }
        }
        TestDirectories.deleteJvmDirectoryIfEmpty();
    }
}
