package dev.tessera.runtime.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Kafka's reachability under readiness. A service whose work does not stop without Kafka (webhook
 * ingest keeps storing events in its outbox) sets {@code tessera.kafka.readiness-required=false}: the
 * check still tells operators Kafka is away, without taking the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final KafkaClients clients;
    private final KafkaSettings settings;

    KafkaReadinessCheck(KafkaClients clients, KafkaSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .withData("bootstrap.servers", clients.bootstrapServers());
        long timeoutMs = settings.healthTimeout().toMillis();
        try {
            int nodes = clients.admin()
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            return response.withData("nodes", nodes).up().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(response, e);
        } catch (Exception e) {
            return unreachable(response, e);
        }
    }

    private HealthCheckResponse unreachable(HealthCheckResponseBuilder response, Exception e) {
        response.withData("reachable", false).withData("error", e.getClass().getSimpleName());
        return settings.readinessRequired() ? response.down().build() : response.up().build();
    }
}
