package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.model.Account;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.StripeClient;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceRetrieveParams;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiBasicsTest extends EmulatorTestBase {

  @Test
  void requiresATestModeSecretKey() {
    given().get("/v1/customers").then().statusCode(401)
        .body("error.type", equalTo("invalid_request_error"))
        .body("error.message", startsWith("You did not provide an API key"));
    given().header("Authorization", "Bearer sk_live_0123456789abcdef").get("/v1/customers").then().statusCode(401)
        .body("error.message", startsWith("Invalid API Key provided: sk_live_"));
    given().auth().preemptive().basic("sk_test_basic", "").get("/v1/customers").then().statusCode(200);

    StripeClient wrongKey = StripeClient.builder().setApiKey("pk_test_x").setApiBase(baseUrl()).build();
    assertThatThrownBy(() -> wrongKey.v1().customers().list()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void unknownRoutesAndParametersAreStripeErrors() throws Exception {
    given().auth().oauth2("sk_test_x").get("/v1/nothing_here").then().statusCode(404)
        .body("error.message", startsWith("Unrecognized request URL (GET: /v1/nothing_here)"));
    given().auth().oauth2("sk_test_x").formParam("bogus", "1").post("/v1/customers").then().statusCode(400)
        .body("error.code", equalTo("parameter_unknown")).body("error.param", equalTo("bogus"));

    InvalidRequestException missing = catchInvalid(() -> stripe.v1().prices().create(
        com.stripe.param.PriceCreateParams.builder().setCurrency("usd").setUnitAmount(100L).setProduct("prod_nope")
            .build()));
    assertThat(missing.getStatusCode()).isEqualTo(404);
    assertThat(missing.getCode()).isEqualTo("resource_missing");
    assertThat(missing.getStripeError().getParam()).isEqualTo("product");
    assertThat(missing.getMessage()).contains("No such product: 'prod_nope'");

    InvalidRequestException notFound = catchInvalid(() -> stripe.v1().customers().retrieve("cus_missing"));
    assertThat(notFound.getStatusCode()).isEqualTo(404);
    assertThat(notFound.getStripeError().getParam()).isEqualTo("id");
  }

  @Test
  void parsesBracketSyntaxAndExpands() throws Exception {
    Price price = oneTimePrice(1500);
    given().auth().oauth2("sk_test_x")
        .formParam("email", "a@example.com")
        .formParam("metadata[tessera_user_id]", "u_1")
        .formParam("metadata[note]", "hello world")
        .formParam("expand[]", "email")
        .post("/v1/customers").then().statusCode(400).body("error.message",
            equalTo("This property cannot be expanded (email)."));
    String id = given().auth().oauth2("sk_test_x")
        .formParam("email", "a@example.com")
        .formParam("metadata[tessera_user_id]", "u_1")
        .formParam("metadata[note]", "hello world")
        .post("/v1/customers").then().statusCode(200)
        .body("object", equalTo("customer"))
        .body("metadata.tessera_user_id", equalTo("u_1"))
        .body("metadata.note", equalTo("hello world"))
        .extract().path("id");
    assertThat(id).startsWith("cus_");

    Price expanded = stripe.v1().prices().retrieve(price.getId(),
        PriceRetrieveParams.builder().addExpand("product").build(), RequestOptions.getDefault());
    assertThat(expanded.getProductObject().getName()).isEqualTo("Ticket");
    given().auth().oauth2("sk_test_x").queryParam("expand[]", "data.product").get("/v1/prices").then()
        .statusCode(200).body("data[0].product.object", equalTo("product"));

    // unset semantics: an empty value removes a metadata key
    Customer updated = stripe.v1().customers().update(id,
        com.stripe.param.CustomerUpdateParams.builder().putMetadata("note", "").build());
    assertThat(updated.getMetadata()).containsOnlyKeys("tessera_user_id");
  }

  @Test
  void idempotencyKeysReplayAndRejectDifferentParameters() throws Exception {
    RequestOptions key = RequestOptions.builder().setIdempotencyKey("customer-u-42").build();
    CustomerCreateParams params = CustomerCreateParams.builder().setEmail("u42@example.com").build();
    Customer first = stripe.v1().customers().create(params, key);
    Customer again = stripe.v1().customers().create(params, key);
    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(stripe.v1().customers().list().getData()).hasSize(1);
    assertThat(eventTypes()).containsExactly("customer.created");

    assertThatThrownBy(() -> stripe.v1().customers().create(
        CustomerCreateParams.builder().setEmail("other@example.com").build(), key))
        .isInstanceOf(IdempotencyException.class)
        .hasMessageContaining("Keys for idempotent requests can only be used with the same parameters");

    given().auth().oauth2("sk_test_x").header("Idempotency-Key", "customer-u-42").formParam("name", "x")
        .post("/v1/products").then().statusCode(400).body("error.type", equalTo("idempotency_error"))
        .body("error.message", startsWith("Keys for idempotent requests can only be used for the same endpoint"));

    // a request rejected by validation does not burn its key
    given().auth().oauth2("sk_test_x").header("Idempotency-Key", "product-1").post("/v1/products").then()
        .statusCode(400).body("error.code", equalTo("parameter_missing"));
    given().auth().oauth2("sk_test_x").header("Idempotency-Key", "product-1").formParam("name", "Fixed")
        .post("/v1/products").then().statusCode(200).body("name", equalTo("Fixed"));
  }

  @Test
  void stripeAccountScopesObjectsAndEvents() throws Exception {
    Account account = stripe.v1().accounts().create(com.stripe.param.AccountCreateParams.builder()
        .setType(com.stripe.param.AccountCreateParams.Type.EXPRESS).build());
    assertThat(account.getId()).startsWith("acct_");
    Customer onConnected = stripe.v1().customers().create(
        CustomerCreateParams.builder().setEmail("c@example.com").build(), on(account.getId()));

    assertThat(stripe.v1().customers().retrieve(onConnected.getId(), CustomerRetrieveParams.builder().build(),
        on(account.getId())).getEmail()).isEqualTo("c@example.com");
    assertThat(catchInvalid(() -> stripe.v1().customers().retrieve(onConnected.getId())).getStatusCode())
        .isEqualTo(404);
    assertThat(stripe.v1().customers().list().getData()).isEmpty();

    List<Event> connectedEvents = stripe.v1().events().list(EventListParams.builder().build(), on(account.getId()))
        .getData();
    assertThat(connectedEvents).extracting(Event::getType).containsExactly("customer.created");
    assertThat(connectedEvents.get(0).getAccount()).isEqualTo(account.getId());
    assertThat(stripe.v1().events().list().getData()).extracting(Event::getType).doesNotContain("customer.created");
    assertThat(stripe.v1().events().retrieve(connectedEvents.get(0).getId(),
        com.stripe.param.EventRetrieveParams.builder().build(), on(account.getId())).getType())
        .isEqualTo("customer.created");

    assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder().build(), on("acct_unknown")))
        .isInstanceOf(PermissionException.class);
    assertThat(stripe.v1().accounts().retrieveCurrent().getId()).isEqualTo("acct_1TesseraPlatform0");
    assertThat(stripe.v1().accounts().retrieveCurrent(on(account.getId())).getId()).isEqualTo(account.getId());
  }

  @Test
  void listsAreNewestFirstWithCursorPagination() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(0, stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(i + "@x.io").build())
          .getId());
    }
    StripeCollection<Customer> page1 = stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L).build());
    assertThat(page1.getHasMore()).isTrue();
    assertThat(page1.getUrl()).isEqualTo("/v1/customers");
    assertThat(page1.getData()).extracting(Customer::getId).containsExactlyElementsOf(created.subList(0, 2));
    StripeCollection<Customer> page2 = stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L)
        .setStartingAfter(page1.getData().get(1).getId()).build());
    assertThat(page2.getData()).extracting(Customer::getId).containsExactlyElementsOf(created.subList(2, 4));
    StripeCollection<Customer> back = stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L)
        .setEndingBefore(page2.getData().get(0).getId()).build());
    assertThat(back.getData()).extracting(Customer::getId).containsExactlyElementsOf(created.subList(0, 2));
    assertThat(back.getHasMore()).isFalse();

    List<String> all = new ArrayList<>();
    stripe.v1().customers().list(CustomerListParams.builder().setLimit(2L).build()).autoPagingIterable()
        .forEach(c -> all.add(c.getId()));
    assertThat(all).containsExactlyElementsOf(created);

    given().auth().oauth2("sk_test_x").queryParam("limit", 101).get("/v1/customers").then().statusCode(400)
        .body("error.param", equalTo("limit"));
    long now = given().get("/_emulator/clock").then().statusCode(200).extract().jsonPath().getLong("now");
    given().auth().oauth2("sk_test_x").queryParam("created[gt]", now + 10).get("/v1/customers").then()
        .statusCode(200).body("data.size()", equalTo(0));
  }

  private static InvalidRequestException catchInvalid(ThrowingCall call) {
    try {
      call.run();
    } catch (InvalidRequestException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected InvalidRequestException, got " + e, e);
    }
    throw new AssertionError("expected InvalidRequestException");
  }

  interface ThrowingCall {
    Object run() throws Exception;
  }
}
