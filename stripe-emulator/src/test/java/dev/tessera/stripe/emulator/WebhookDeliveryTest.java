package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookDeliveryTest extends EmulatorTestBase {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<WebhookReceiver> receivers = new ArrayList<>();

  @AfterEach
  void stopReceivers() {
    receivers.forEach(WebhookReceiver::close);
  }

  private WebhookReceiver receiver(String secret, boolean connect) throws Exception {
    WebhookReceiver r = new WebhookReceiver();
    receivers.add(r);
    control("/_emulator/webhook_endpoints", "{\"url\": \"" + r.url() + "\", \"secret\": \"" + secret
        + "\", \"connect\": " + connect + "}");
    return r;
  }

  private static Event verify(WebhookReceiver.Delivery d, String secret) throws SignatureVerificationException {
    return Webhook.constructEvent(d.payload(), d.signature(), secret);
  }

  @Test
  void deliversEventsSignedLikeStripe() throws Exception {
    WebhookReceiver platform = receiver("whsec_platform", false);
    Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
        .setEmail("hook@example.com").putMetadata("tessera_user_id", "u_7").build());

    WebhookReceiver.Delivery d = platform.await(l -> !l.isEmpty(), WAIT).get(0);
    assertThat(d.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
    Event event = verify(d, "whsec_platform");
    assertThat(event.getType()).isEqualTo("customer.created");
    assertThat(event.getApiVersion()).isEqualTo(Stripe.API_VERSION);
    assertThat(event.getLivemode()).isFalse();
    assertThat(event.getAccount()).isNull();
    Customer fromEvent = (Customer) event.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(fromEvent.getId()).isEqualTo(customer.getId());
    assertThat(fromEvent.getMetadata()).containsEntry("tessera_user_id", "u_7");
    assertThat(event.getRequest().getId()).startsWith("req_");
    assertThat(event.getRequest().getIdempotencyKey()).isNotNull();
    assertThat(catchThrowable(() -> verify(d, "whsec_wrong"))).isInstanceOf(SignatureVerificationException.class);

    // the endpoint acknowledged: Stripe counts the event as delivered
    long deadline = System.currentTimeMillis() + 5000;
    while (stripe.v1().events().retrieve(event.getId()).getPendingWebhooks() != 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(25);
    }
    assertThat(stripe.v1().events().retrieve(event.getId()).getPendingWebhooks()).isZero();
  }

  @Test
  void retriesWithBackoffUntilTheEndpointAnswers2xx() throws Exception {
    WebhookReceiver platform = receiver("whsec_retry", false);
    platform.failNext(2);
    stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("retry@example.com").build());
    WebhookReceiver.Delivery d = platform.await(l -> !l.isEmpty(), WAIT).get(0);
    assertThat(verify(d, "whsec_retry").getType()).isEqualTo("customer.created");
    assertThat(platform.requests()).isEqualTo(3);
    JsonPath status = given().get("/_emulator/delivery").then().statusCode(200).extract().jsonPath();
    assertThat(status.getLong("failed_attempts")).isGreaterThanOrEqualTo(2L);
    assertThat(status.getList("recent_attempts.status", Integer.class)).contains(500, 200);
    assertThat(status.getList("recent_attempts.attempt", Integer.class)).contains(3);
  }

  @Test
  void connectEndpointsReceiveConnectedAccountEventsOnly() throws Exception {
    WebhookReceiver platform = receiver("whsec_p", false);
    WebhookReceiver connect = receiver("whsec_c", true);
    String account = onboardedAccount().getId();
    stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("p@example.com").build());

    List<WebhookReceiver.Delivery> connected = connect.await(l -> l.size() >= 3, WAIT);
    Event updated = connected.stream().map(d -> {
      try {
        return verify(d, "whsec_c");
      } catch (SignatureVerificationException e) {
        throw new AssertionError(e);
      }
    }).filter(e -> e.getType().equals("account.updated")).findFirst().orElseThrow();
    assertThat(updated.getAccount()).isEqualTo(account);
    List<WebhookReceiver.Delivery> own = platform.await(l -> !l.isEmpty(), WAIT);
    Thread.sleep(300);
    assertThat(platform.received()).hasSize(1);
    assertThat(verify(own.get(0), "whsec_p").getType()).isEqualTo("customer.created");
    assertThat(connected).allSatisfy(d -> assertThat(d.payload()).contains("\"account\" : \"" + account + "\""));
  }

  @Test
  void duplicateAndShuffleSwitches() throws Exception {
    WebhookReceiver platform = receiver("whsec_dup", false);
    control("/_emulator/delivery", "{\"duplicate\": true, \"shuffle\": true}");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      created.add(stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(i + "@dup.io").build())
          .getId());
    }
    List<WebhookReceiver.Delivery> all = platform.await(l -> l.size() >= 40, WAIT);
    List<String> customerIds = new ArrayList<>();
    for (WebhookReceiver.Delivery d : all) {
      customerIds.add(((Customer) verify(d, "whsec_dup").getDataObjectDeserializer().getObject().orElseThrow())
          .getId());
    }
    Map<String, Long> counts = customerIds.stream().collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
    assertThat(counts).hasSize(20).allSatisfy((id, n) -> assertThat(n).isEqualTo(2L));
    assertThat(new ArrayList<>(new LinkedHashSet<>(customerIds))).isNotEqualTo(created);

    JsonPath off = control("/_emulator/delivery", "{\"duplicate\": false, \"shuffle\": false}");
    assertThat(off.getBoolean("duplicate")).isFalse();
  }
}
