package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.ProductCreateParams;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Endpoints from configuration survive resets and honour their event filter. The receiver's port
 * is agreed through a system property because the profile and the test instance may live in
 * different class loaders.
 */
@QuarkusTest
@TestProfile(ConfiguredEndpointsTest.WithEndpoints.class)
class ConfiguredEndpointsTest extends EmulatorTestBase {
  private static final String PORT_PROPERTY = "stripe-emulator.test.receiver-port";

  static int receiverPort() {
    String port = System.getProperty(PORT_PROPERTY);
    if (port == null) {
      try (ServerSocket probe = new ServerSocket(0)) {
        port = Integer.toString(probe.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty(PORT_PROPERTY, port);
    }
    return Integer.parseInt(port);
  }

  public static class WithEndpoints implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      String url = "http://127.0.0.1:" + receiverPort() + "/webhooks";
      return Map.of(
          "tessera.emulator.webhook-endpoints[0].url", url,
          "tessera.emulator.webhook-endpoints[0].secret", "whsec_configured",
          "tessera.emulator.webhook-endpoints[0].enabled-events", "customer.created,customer.updated",
          "tessera.emulator.webhook-endpoints[1].url", url,
          "tessera.emulator.webhook-endpoints[1].secret", "whsec_configured_connect",
          "tessera.emulator.webhook-endpoints[1].connect", "true");
    }
  }

  @Test
  void configuredEndpointsReceiveMatchingEvents() throws Exception {
    JsonPath endpoints = given().get("/_emulator/webhook_endpoints").then().statusCode(200).extract().jsonPath();
    assertThat(endpoints.getList("data.configured", Boolean.class)).containsExactly(true, true);
    assertThat(endpoints.getList("data.connect", Boolean.class)).containsExactly(false, true);

    try (WebhookReceiver receiver = new WebhookReceiver(receiverPort())) {
      stripe.v1().products().create(ProductCreateParams.builder().setName("Not subscribed").build());
      stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("cfg@example.com").build());
      WebhookReceiver.Delivery d = receiver.await(l -> !l.isEmpty(), Duration.ofSeconds(10)).get(0);
      Event event = Webhook.constructEvent(d.payload(), d.signature(), "whsec_configured");
      assertThat(event.getType()).isEqualTo("customer.created");
      Thread.sleep(300);
      assertThat(receiver.received()).hasSize(1);
    }
  }
}
