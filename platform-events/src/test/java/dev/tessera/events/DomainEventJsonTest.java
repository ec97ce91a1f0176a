package dev.tessera.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainEventJsonTest {

    @Test
    void goldenSampleRoundTripsWithoutLoss() throws IOException {
        String golden = resource("/golden/domain-event-v1.json");

        DomainEvent event = DomainEvent.fromJson(golden);

        assertThat(event.id()).isEqualTo(UUID.fromString("3f1c1f5e-8f2a-4d7e-9a51-0c7c1b0f4e21"));
        assertThat(event.type()).isEqualTo("membership.activated");
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123456Z"));
        assertThat(event.source()).isEqualTo("membership-service");
        assertThat(event.subject()).isEqualTo("mbr_01HF8Z");
        assertThat(event.causationId()).isEqualTo("evt_1QxYzA2eZvKYlo2C");
        assertThat(event.data().at("/amount/amountMinor").asLong()).isEqualTo(2900L);
        assertThat(EventJson.tree(event.toJson())).isEqualTo(EventJson.tree(golden));
    }

    @Test
    void occurredAtIsWrittenAsIso8601() {
        DomainEvent event = DomainEvent.of("checkout.completed", 1, "checkout-service", "chk_1", "evt_1", Map.of("a", 1));

        JsonNode json = EventJson.tree(event.toJson());

        assertThat(json.get("occurredAt").isTextual()).isTrue();
        assertThat(Instant.parse(json.get("occurredAt").asText())).isEqualTo(event.occurredAt());
        assertThat(DomainEvent.fromJson(event.toJson())).isEqualTo(event);
    }

    @Test
    void newerProducersMayAddFieldsThatOlderConsumersIgnore() {
        String withExtra = resource("/golden/domain-event-v1.json").replace("\"version\" : 1,",
                "\"version\" : 1, \"traceparent\" : \"00-abc\",");

        assertThat(DomainEvent.fromJson(withExtra).type()).isEqualTo("membership.activated");
    }

    @Test
    void payloadConvertsToItsContractRecord() {
        record Activated(String membershipId, String groupId) {
        }
        DomainEvent event = DomainEvent.fromJson(resource("/golden/domain-event-v1.json"));

        assertThat(event.dataAs(Activated.class)).isEqualTo(new Activated("mbr_01HF8Z", "grp_42"));
    }

    @Test
    void envelopeRefusesMissingParts() {
        assertThatThrownBy(() -> DomainEvent.of(" ", 1, "s", "subj", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> DomainEvent.of("t", 0, "s", "subj", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> DomainEvent.of("t", 1, "s", "", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
    }

    static String resource(String path) {
        try (InputStream in = DomainEventJsonTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
