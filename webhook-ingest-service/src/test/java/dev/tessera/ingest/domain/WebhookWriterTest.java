package dev.tessera.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.events.StripeRoute;
import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.persistence.StripeEventStore.NewEvent;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The writer's admission rules, without a database: what happens before anything is written. */
class WebhookWriterTest {

    @Test
    void refusesWebhooksBeforeStartAndAfterShutdownSoStripeRetriesThem() throws InterruptedException {
        WebhookWriter writer = new WebhookWriter(null, config(0, 10), new SimpleMeterRegistry());

        assertThatThrownBy(() -> writer.submit(event("evt_before_start")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(IngestErrorCode.SHUTTING_DOWN));

        writer.onStart(null);
        assertThat(writer.submit(event("evt_accepted"))).isNotDone();
        writer.onStop(null);
        assertThatThrownBy(() -> writer.submit(event("evt_after_stop")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(IngestErrorCode.SHUTTING_DOWN);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(503);
                });
    }

    @Test
    void aFullQueueAnswers503InsteadOfHoldingMoreRequests() {
        // no writer threads: what is queued stays queued
        WebhookWriter writer = new WebhookWriter(null, config(0, 2), new SimpleMeterRegistry());
        writer.onStart(null);

        writer.submit(event("evt_queued_1"));
        writer.submit(event("evt_queued_2"));

        assertThatThrownBy(() -> writer.submit(event("evt_one_too_many")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(IngestErrorCode.OVERLOADED);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(503);
                });
    }

    private static NewEvent event(String id) {
        ReceivedEvent event = new ReceivedEvent(id, "charge.succeeded", null, false, null, Instant.EPOCH,
                new StripeRoute("stripe.payments", "pi_1"), "{}");
        return new NewEvent(event, WebhookEndpoint.PLATFORM, EventSource.WEBHOOK);
    }

    private static IngestConfig config(int threads, int capacity) {
        return new IngestConfig() {
            @Override
            public Optional<List<String>> webhookSecrets() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> connectWebhookSecrets() {
                return Optional.empty();
            }

            @Override
            public Duration signatureTolerance() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int maxBodyBytes() {
                return 1024;
            }

            @Override
            public boolean livemode() {
                return false;
            }

            @Override
            public int writerThreads() {
                return threads;
            }

            @Override
            public int writerMaxBatch() {
                return 16;
            }

            @Override
            public int writerQueueCapacity() {
                return capacity;
            }

            @Override
            public int replayBatchSize() {
                return 10;
            }

            @Override
            public int maxPageSize() {
                return 10;
            }
        };
    }
}
