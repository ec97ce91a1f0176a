package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up: a clean emulator before each test and a stripe-java client pointed at it, so
 * every test proves the official client works against the emulator unchanged.
 */
abstract class EmulatorTestBase {
  @TestHTTPResource("/")
  URL base;

  StripeClient stripe;

  @BeforeEach
  void resetEmulator() {
    given().post("/_emulator/reset").then().statusCode(200);
    stripe = StripeClient.builder()
        .setApiKey("sk_test_emulator")
        .setApiBase(baseUrl())
        .build();
  }

  String baseUrl() {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static RequestOptions on(String account) {
    return RequestOptions.builder().setStripeAccount(account).build();
  }

  /** POSTs a JSON body to an emulator control and expects {@code status}. */
  static JsonPath control(String path, String json, int status) {
    return given().contentType(ContentType.JSON).body(json == null ? "{}" : json)
        .post(path).then().statusCode(status).extract().jsonPath();
  }

  static JsonPath control(String path, String json) {
    return control(path, json, 200);
  }

  static JsonPath advance(long seconds) {
    return control("/_emulator/clock/advance", "{\"seconds\": " + seconds + "}");
  }

  Price oneTimePrice(long amount) throws StripeException {
    Product product = stripe.v1().products().create(ProductCreateParams.builder().setName("Ticket").build());
    return stripe.v1().prices().create(PriceCreateParams.builder()
        .setProduct(product.getId()).setCurrency("usd").setUnitAmount(amount).build());
  }

  Price monthlyPrice(long amount) throws StripeException {
    Product product = stripe.v1().products().create(ProductCreateParams.builder().setName("Membership").build());
    return stripe.v1().prices().create(PriceCreateParams.builder()
        .setProduct(product.getId()).setCurrency("usd").setUnitAmount(amount)
        .setRecurring(PriceCreateParams.Recurring.builder()
            .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build())
        .build());
  }

  Session paymentSession(Price price, long quantity) throws StripeException {
    return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl("https://tessera.example/success?session={CHECKOUT_SESSION_ID}")
        .setCancelUrl("https://tessera.example/cancel")
        .setCustomerEmail("buyer@example.com")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(quantity).build())
        .putMetadata("tessera_checkout_id", "chk_1")
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
            .putMetadata("tessera_offering_id", "off_1").build())
        .build());
  }

  Session subscriptionSession(Price price) throws StripeException {
    return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
        .setSuccessUrl("https://tessera.example/success")
        .setCustomerEmail("member@example.com")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
        .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
            .putMetadata("tessera_seller_id", "sel_1").build())
        .build());
  }

  static JsonPath pay(String sessionId) {
    return control("/_emulator/checkout_sessions/" + sessionId + "/pay", "{}");
  }

  /** An Express account that finished onboarding, so it can receive transfers and pay out. */
  Account onboardedAccount() throws StripeException {
    Account account = stripe.v1().accounts().create(AccountCreateParams.builder()
        .setType(AccountCreateParams.Type.EXPRESS).setEmail("seller@example.com").build());
    control("/_emulator/accounts/" + account.getId() + "/complete_onboarding", "{}");
    return account;
  }

  /** Event types of the account, oldest first. */
  List<String> eventTypes(RequestOptions options) throws StripeException {
    List<String> types = new ArrayList<>();
    for (Event e : stripe.v1().events().list(EventListParams.builder().setLimit(100L).build(), options)
        .autoPagingIterable()) {
      types.add(0, e.getType());
    }
    return types;
  }

  List<String> eventTypes() throws StripeException {
    return eventTypes(RequestOptions.getDefault());
  }
}
