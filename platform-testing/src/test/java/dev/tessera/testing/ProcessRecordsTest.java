package dev.tessera.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessRecordsTest {

    @Test
    void oneHolderAtATimeAndTheHolderIsNamed(@TempDir Path directory) {
        try (ProcessRecords first = ProcessRecords.tryLock(directory).orElseThrow()) {
            assertThat(ProcessRecords.tryLock(directory)).isEmpty();
            assertThat(ProcessRecords.lockHolder(directory)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        Optional<ProcessRecords> again = ProcessRecords.tryLock(directory);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void theNextHolderStopsWhatTheLastOneLeftRunningAndDeletesEveryRecord(@TempDir Path directory) throws Exception {
        Process leftover = new ProcessBuilder("sleep", "60").start();
        Process forgotten = new ProcessBuilder("sleep", "60").start();
        Process database = new ProcessBuilder("sleep", "60").start();
        try {
            try (ProcessRecords killedLauncher = ProcessRecords.tryLock(directory).orElseThrow()) {
                killedLauncher.record("kafka", leftover.toHandle());
                killedLauncher.record("postgres", database.toHandle());
                killedLauncher.record("stopped-normally", forgotten.toHandle());
                killedLauncher.forget("stopped-normally");
            }

            List<String> stopped;
            try (ProcessRecords next = ProcessRecords.tryLock(directory).orElseThrow()) {
                stopped = next.reapLeftovers();
            }

            assertThat(stopped).containsExactly("kafka (pid " + leftover.pid() + ")",
                    "postgres (pid " + database.pid() + ")");
            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(database.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(forgotten.isAlive()).isTrue();
            try (var files = Files.list(directory)) {
                assertThat(files.map(file -> file.getFileName().toString())).doesNotContain("kafka.pid", "postgres.pid");
            }
        } finally {
            leftover.destroyForcibly();
            forgotten.destroyForcibly();
            database.destroyForcibly();
        }
    }

    @Test
    void aRecordedPidNowUsedByAnotherProcessIsNotStopped(@TempDir Path directory) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        Files.writeString(directory.resolve("kafka" + ProcessRecords.SUFFIX), unrelated.pid() + " 2001-01-01T00:00:00Z\n");
        try (ProcessRecords records = ProcessRecords.tryLock(directory).orElseThrow()) {
            assertThat(records.reapLeftovers()).isEmpty();
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(directory.resolve("kafka" + ProcessRecords.SUFFIX)).doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
