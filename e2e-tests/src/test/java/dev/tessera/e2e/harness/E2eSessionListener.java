package dev.tessera.e2e.harness;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the suite's processes when the test run ends, before the JVM's shutdown hooks stop PostgreSQL and Kafka
 * (hooks run concurrently; services stopping after their broker would wait for it). Registered in
 * {@code META-INF/services}; the shutdown hook of {@link E2eSuite} and the children's lifelines remain the fallbacks.
 */
public final class E2eSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        E2eSuite.shutdown();
    }
}
