package dev.tessera.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer groups as Kafka's own tools see them: how far a group is behind, and rewinding it to the earliest offset
 * (what {@code kafka-consumer-groups --reset-offsets --to-earliest} does, and what deploy's {@code replay-group}
 * runs), with Kafka's Admin API.
 */
public final class KafkaGroups implements AutoCloseable {

    private final Admin admin;

    public KafkaGroups(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "tessera-e2e-admin");
        this.admin = Admin.create(properties);
    }

    /** Committed offsets of the group on {@code topics}. */
    public Map<TopicPartition, Long> committed(String group, List<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null && topics.contains(partition.topic())) {
                result.put(partition, offset.offset());
            }
        });
        return result;
    }

    /** The end offsets of every partition of {@code topics} that exist. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        return offsets(partitions(topics), OffsetSpec.latest());
    }

    /**
     * Records of {@code topics} the group has not committed yet, over every partition of those topics (a partition
     * the group never committed on counts from 0).
     */
    public long lag(String group, List<String> topics) {
        Map<TopicPartition, Long> committed = committed(group, topics);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(topics).entrySet()) {
            lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return lag;
    }

    /** Waits until the group has committed everything on {@code topics} up to their end at this moment. */
    public void awaitCaughtUp(String group, List<String> topics, Duration timeout) {
        Map<TopicPartition, Long> target = endOffsets(topics);
        try {
            await(group + " caught up on " + topics).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, Long> committed = committed(group, topics);
                return target.entrySet().stream()
                        .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Consumer group " + group + " did not commit up to " + target + " within " + timeout
                    + "; committed: " + committed(group, topics), e);
        }
    }

    /** True when the group has no live member (Kafka resets only such groups). */
    public boolean isEmpty(String group) {
        ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
        return description.members().isEmpty();
    }

    /**
     * Rewinds the group to the earliest offset of every partition of {@code topics}. Its service must be stopped;
     * members a killed consumer left behind (they would linger until their session times out) are removed first.
     */
    public void resetToEarliest(String group, List<String> topics) {
        if (!isEmpty(group)) {
            get(admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all());
        }
        await(group + " has no live member").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> isEmpty(group));
        Map<TopicPartition, Long> earliest = offsets(partitions(topics), OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> reset = earliest.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        get(admin.alterConsumerGroupOffsets(group, reset).all());
    }

    private Set<TopicPartition> partitions(List<String> topics) {
        Set<String> existing = get(admin.listTopics().names());
        List<String> present = topics.stream().filter(existing::contains).toList();
        Set<TopicPartition> partitions = new HashSet<>();
        get(admin.describeTopics(present).allTopicNames()).forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> result = new HashMap<>();
        answer.forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
