package dev.tessera.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OrphanCleanupTest {

    @Test
    void sweepStopsProcessesOfDeadJvmsAndLeavesLiveOnesAlone(@TempDir Path root) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path deadJvm = Files.createDirectories(root.resolve(Long.toString(finished.pid())));
        Files.writeString(deadJvm.resolve(TestDirectories.OWNER_FILE), finished.pid() + " \n");
        Process orphanedServer = new ProcessBuilder("sleep", "60").start();
        Path serverDir = Files.createDirectories(deadJvm.resolve("postgres-1"));
        TestDirectories.recordProcess(serverDir, "postgres", orphanedServer.toHandle());

        Process liveJvm = new ProcessBuilder("sleep", "60").start();
        Path liveJvmDir = Files.createDirectories(root.resolve(Long.toString(liveJvm.pid())));
        Files.writeString(liveJvmDir.resolve(TestDirectories.OWNER_FILE), ProcessRecords.describe(liveJvm.toHandle()));
        Process liveServer = new ProcessBuilder("sleep", "60").start();
        TestDirectories.recordProcess(liveJvmDir, "kafka", liveServer.toHandle());
        try {
            TestDirectories.sweepOrphans(root);

            assertThat(orphanedServer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(deadJvm).doesNotExist();
            assertThat(liveJvmDir).exists();
            assertThat(liveServer.isAlive()).isTrue();
        } finally {
            orphanedServer.destroyForcibly();
            liveJvm.destroyForcibly();
            liveServer.destroyForcibly();
        }
    }

    @Test
    void aRecordedPidNowUsedByAnotherProcessIsNotKilled(@TempDir Path root) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path deadJvm = Files.createDirectories(root.resolve(Long.toString(finished.pid())));
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        // Same pid, but recorded with a start time the live process does not have: the pid was reused.
        Files.writeString(deadJvm.resolve("kafka" + TestDirectories.PID_SUFFIX), unrelated.pid() + " 2001-01-01T00:00:00Z\n");
        try {
            TestDirectories.sweepOrphans(root);

            assertThat(deadJvm).doesNotExist();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    /**
     * The real thing: a JVM that started a broker is killed with SIGKILL. Its broker must notice, delete its
     * data and exit; the next sweep removes what is left of the dead JVM's directory.
     */
    @Test
    @Timeout(120)
    void aBrokerDiesWithItsParentJvm() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BrokerParentProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            Path brokerDir = Paths.get(awaitReadyLine(parent));
            long brokerPid = Long.parseLong(Files.readString(brokerDir.resolve("broker" + TestDirectories.PID_SUFFIX))
                    .trim().split("\\s+")[0]);
            ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();

            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);

            broker.onExit().get(15, TimeUnit.SECONDS);
            assertThat(brokerDir).doesNotExist();
            Path parentJvmDir = TestDirectories.root().resolve(Long.toString(parent.pid()));
            TestDirectories.sweepOrphans(TestDirectories.root());
            assertThat(parentJvmDir).doesNotExist();
        } finally {
            parent.destroyForcibly();
        }
    }

    private static String awaitReadyLine(Process parent) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith(BrokerParentProbe.READY)) {
                // Keep draining so the probe never blocks on a full pipe.
                Thread drainer = new Thread(() -> output.lines().forEach(ignored -> { }));
                drainer.setDaemon(true);
                drainer.start();
                return line.substring(BrokerParentProbe.READY.length());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The probe JVM did not report a started broker:\n" + seen);
    }
}
