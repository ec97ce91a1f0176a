package dev.tessera.runtime.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics a service writes to when they are missing, with the configured partitions and
 * retention (unlimited by default: Stripe topics are the replayable history of everything Stripe told
 * us). A broker's auto-creation would use its own defaults instead, so topics are created first.
 */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private final KafkaClients clients;
    private final KafkaSettings settings;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KafkaTopics(KafkaClients clients, KafkaSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> topics = settings.topics().ensureOnStart().orElse(List.of());
        if (topics.isEmpty()) {
            return;
        }
        try {
            ensure(topics);
        } catch (RuntimeException e) {
            // Kafka may be down at startup; whoever writes to a topic ensures it again before writing.
            LOG.warnf("could not ensure topics %s at startup: %s", topics, e.getMessage());
        }
    }

    /** Makes sure every topic exists; cheap for topics already seen by this instance. */
    public void ensure(Collection<String> topics) {
        List<NewTopic> missing = topics.stream()
                .filter(topic -> !known.contains(topic))
                .distinct()
                .map(this::newTopic)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, org.apache.kafka.common.KafkaFuture<Void>> results = clients.admin().createTopics(missing).values();
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(10, TimeUnit.SECONDS);
                LOG.infof("created topic %s", result.getKey());
                known.add(result.getKey());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    known.add(result.getKey());
                } else {
                    throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topic " + result.getKey(), e);
            }
        }
    }

    private NewTopic newTopic(String name) {
        KafkaSettings.Topics config = settings.topics();
        return new NewTopic(name, config.partitions(), config.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retentionMs())));
    }
}
