package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tessera.deploy.watchdog.ParentWatchdog;

class ParentWatchdogTest {

    @TempDir
    Path directory;

    @Test
    void theAgentJarHoldsOnlyTheWatchdog() throws Exception {
        Path jar = WatchdogAgentJar.write(directory);

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(ParentWatchdog.class.getName());
            assertThat(file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class")))
                    .containsExactly("dev/tessera/deploy/watchdog/ParentWatchdog.class");
        }
    }

    @Test
    void aChildEndsWhenItsLifelineClosesButNotOnAGracefulStop() throws Exception {
        Path agent = WatchdogAgentJar.write(directory);
        List<String> command = List.of(ChildProcess.javaExecutable(), "-Xmx32m", "-javaagent:" + agent,
                "-cp", System.getProperty("java.class.path"), SleepForever.class.getName());

        Process orphan = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.sleep(300);
        // What the kernel does when the launcher dies, however it dies.
        orphan.getOutputStream().close();
        assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).as("the child exits once its lifeline closes").isTrue();
        assertThat(orphan.exitValue()).isEqualTo(ParentWatchdog.ORPHANED_EXIT_STATUS);
        assertThat(new String(orphan.getInputStream().readAllBytes())).contains("launcher has gone away");

        Process stopped = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.sleep(300);
        stopped.toHandle().destroy();
        assertThat(stopped.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stopped.getOutputStream().close();
        assertThat(new String(stopped.getInputStream().readAllBytes())).doesNotContain("launcher has gone away");
    }

    /** A child that would run forever without the watchdog. */
    public static final class SleepForever {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
