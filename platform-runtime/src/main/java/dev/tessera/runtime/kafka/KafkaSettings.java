package dev.tessera.runtime.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tessera's own Kafka settings. The broker address is the standard {@code kafka.bootstrap.servers}
 * (environment: {@code KAFKA_BOOTSTRAP_SERVERS}), shared with SmallRye Reactive Messaging channels.
 */
@ConfigMapping(prefix = "tessera.kafka")
public interface KafkaSettings {

    Topics topics();

    /** When false, the readiness check reports Kafka's state without failing readiness. */
    @WithDefault("true")
    boolean readinessRequired();

    @WithDefault("PT2S")
    Duration healthTimeout();

    interface Topics {
        /** Partitions of topics this service creates when they are missing. */
        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** -1 keeps everything: replays from the earliest offset are normal operations. */
        @WithName("retention-ms")
        @WithDefault("-1")
        long retentionMs();

        /** Topics to create at startup if missing (for example the dead-letter topics a service writes). */
        Optional<List<String>> ensureOnStart();
    }
}
