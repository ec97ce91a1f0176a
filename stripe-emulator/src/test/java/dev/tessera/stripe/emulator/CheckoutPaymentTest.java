package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Coupon;
import com.stripe.model.LineItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Price;
import com.stripe.model.PromotionCode;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckoutPaymentTest extends EmulatorTestBase {

  @Test
  void paymentModeSessionCompletesWithIntentChargeAndFees() throws Exception {
    Price price = oneTimePrice(2500);
    Session session = paymentSession(price, 2);
    assertThat(session.getId()).startsWith("cs_test_");
    assertThat(session.getStatus()).isEqualTo("open");
    assertThat(session.getAmountTotal()).isEqualTo(5000L);
    assertThat(session.getUrl()).isEqualTo(baseUrl() + "/checkout/" + session.getId());
    assertThat(session.getExpiresAt() - session.getCreated()).isEqualTo(24 * 3600L);

    Session withItems = stripe.v1().checkout().sessions().retrieve(session.getId(),
        SessionRetrieveParams.builder().addExpand("line_items").build(), RequestOptions.getDefault());
    LineItem item = withItems.getLineItems().getData().get(0);
    assertThat(item.getQuantity()).isEqualTo(2L);
    assertThat(item.getPrice().getId()).isEqualTo(price.getId());
    assertThat(item.getDescription()).isEqualTo("Ticket");
    assertThat(stripe.v1().checkout().sessions().lineItems().list(session.getId()).getData()).hasSize(1);

    JsonPath paid = pay(session.getId());
    assertThat(paid.getString("status")).isEqualTo("complete");
    assertThat(paid.getString("payment_status")).isEqualTo("paid");
    assertThat(paid.getString("customer")).isNull(); // Stripe creates no customer in payment mode by default
    assertThat(paid.getString("customer_details.email")).isEqualTo("buyer@example.com");

    Session completed = stripe.v1().checkout().sessions().retrieve(session.getId());
    PaymentIntent intent = stripe.v1().paymentIntents().retrieve(completed.getPaymentIntent());
    assertThat(intent.getStatus()).isEqualTo("succeeded");
    assertThat(intent.getAmountReceived()).isEqualTo(5000L);
    assertThat(intent.getMetadata()).containsEntry("tessera_offering_id", "off_1");
    Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
    assertThat(charge.getPaid()).isTrue();
    assertThat(charge.getMetadata()).containsEntry("tessera_offering_id", "off_1");
    BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
    assertThat(txn.getFee()).isEqualTo(175L); // 2.9% of 5000 = 145, + 30
    assertThat(txn.getNet()).isEqualTo(4825L);
    assertThat(txn.getStatus()).isEqualTo("pending");
    assertThat(txn.getAvailableOn() - txn.getCreated()).isBetween(86400L, 2 * 86400L);
    assertThat(txn.getAvailableOn() % 86400).isZero();

    assertThat(eventTypes()).containsExactly("product.created", "price.created", "payment_intent.created",
        "charge.succeeded", "payment_intent.succeeded", "checkout.session.completed");
  }

  @Test
  void declineKeepsTheSessionOpenAndExpiryCancelsTheIntent() throws Exception {
    Session session = paymentSession(oneTimePrice(1000), 1);
    JsonPath declined = control("/_emulator/checkout_sessions/" + session.getId() + "/decline",
        "{\"decline_code\": \"insufficient_funds\"}");
    assertThat(declined.getString("status")).isEqualTo("open");
    PaymentIntent intent = stripe.v1().paymentIntents().retrieve(declined.getString("payment_intent"));
    assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
    assertThat(intent.getLastPaymentError().getDeclineCode()).isEqualTo("insufficient_funds");
    Charge failed = stripe.v1().charges().retrieve(intent.getLatestCharge());
    assertThat(failed.getStatus()).isEqualTo("failed");
    assertThat(failed.getFailureCode()).isEqualTo("card_declined");

    Session expired = stripe.v1().checkout().sessions().expire(session.getId());
    assertThat(expired.getStatus()).isEqualTo("expired");
    assertThat(expired.getUrl()).isNull();
    assertThat(stripe.v1().paymentIntents().retrieve(intent.getId()).getStatus()).isEqualTo("canceled");
    assertThat(eventTypes()).containsSubsequence("charge.failed", "payment_intent.payment_failed",
        "payment_intent.canceled", "checkout.session.expired");
    assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(session.getId()))
        .isInstanceOf(InvalidRequestException.class);
    control("/_emulator/checkout_sessions/" + session.getId() + "/pay", "{}", 400);
  }

  @Test
  void retryAfterDeclineReusesTheIntent() throws Exception {
    Session session = paymentSession(oneTimePrice(1000), 1);
    String intentId = control("/_emulator/checkout_sessions/" + session.getId() + "/decline", "{}")
        .getString("payment_intent");
    JsonPath paid = pay(session.getId());
    assertThat(paid.getString("payment_intent")).isEqualTo(intentId);
    assertThat(stripe.v1().paymentIntents().retrieve(intentId).getStatus()).isEqualTo("succeeded");
    assertThat(stripe.v1().charges().list().getData()).hasSize(2);
  }

  @Test
  void sessionsExpireWhenTheClockPassesExpiresAt() throws Exception {
    Session session = paymentSession(oneTimePrice(1000), 1);
    advance(24 * 3600 + 1);
    assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("expired");
    assertThat(eventTypes()).endsWith("checkout.session.expired");
  }

  @Test
  void hostedPageHasPayDeclineAndCancelAndRedirects() throws Exception {
    Session session = paymentSession(oneTimePrice(1200), 1);
    given().get("/checkout/" + session.getId()).then().statusCode(200)
        .body(containsString(">Pay</button>")).body(containsString(">Decline</button>"))
        .body(containsString(">Cancel</button>")).body(containsString("12.00 USD"));
    given().redirects().follow(false).post("/checkout/" + session.getId() + "/cancel").then().statusCode(303)
        .header("Location", equalTo("https://tessera.example/cancel"));
    given().formParam("email", "buyer@example.com").post("/checkout/" + session.getId() + "/decline").then()
        .statusCode(402).body(containsString("Your card was declined."));
    given().redirects().follow(false).formParam("email", "buyer@example.com").formParam("name", "Ada")
        .post("/checkout/" + session.getId() + "/pay").then().statusCode(303)
        .header("Location", equalTo("https://tessera.example/success?session=" + session.getId()));
    given().get("/checkout/" + session.getId()).then().statusCode(200).body(containsString("complete"));
  }

  @Test
  void promotionCodesOnTheHostedPageAndDiscountsUpFront() throws Exception {
    Price price = oneTimePrice(4000);
    Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(
        new java.math.BigDecimal("25")).setDuration(CouponCreateParams.Duration.ONCE).setMaxRedemptions(1L).build());
    PromotionCode promo = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
        .setPromotion(PromotionCodeCreateParams.Promotion.builder()
            .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(coupon.getId()).build())
        .setCode("SPRING25").build());
    Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
        .setAllowPromotionCodes(true)
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
        .build());
    control("/_emulator/checkout_sessions/" + session.getId() + "/pay",
        "{\"email\": \"p@example.com\", \"promotion_code\": \"NOPE\"}", 400);
    JsonPath paid = control("/_emulator/checkout_sessions/" + session.getId() + "/pay",
        "{\"email\": \"p@example.com\", \"promotion_code\": \"spring25\"}");
    assertThat(paid.getLong("amount_total")).isEqualTo(3000L);
    assertThat(paid.getLong("total_details.amount_discount")).isEqualTo(1000L);
    assertThat(paid.getString("discounts[0].promotion_code")).isEqualTo(promo.getId());
    assertThat(stripe.v1().paymentIntents().retrieve(paid.getString("payment_intent")).getAmount()).isEqualTo(3000L);
    Coupon used = stripe.v1().coupons().retrieve(coupon.getId());
    assertThat(used.getTimesRedeemed()).isEqualTo(1L);
    assertThat(used.getValid()).isFalse();

    InvalidRequestException exhausted = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
        () -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
            .addDiscount(SessionCreateParams.Discount.builder().setCoupon(coupon.getId()).build())
            .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
            .build()));
    assertThat(exhausted.getStripeError().getParam()).isEqualTo("discounts[0][coupon]");
  }

  @Test
  void couponsRestrictedToProductsApplyOnlyToPurchasesOfThem() throws Exception {
    Price ticket = oneTimePrice(2000);
    Price other = oneTimePrice(3000);
    Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(500L).setCurrency("usd")
        .setDuration(CouponCreateParams.Duration.ONCE)
        .setAppliesTo(CouponCreateParams.AppliesTo.builder().addProduct(ticket.getProduct()).build()).build());
    assertThat(stripe.v1().coupons().retrieve(coupon.getId()).getAppliesTo().getProducts())
        .containsExactly(ticket.getProduct());

    InvalidRequestException notApplicable = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
        () -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
            .addDiscount(SessionCreateParams.Discount.builder().setCoupon(coupon.getId()).build())
            .addLineItem(SessionCreateParams.LineItem.builder().setPrice(other.getId()).setQuantity(1L).build())
            .build()));
    assertThat(notApplicable.getStripeError().getParam()).isEqualTo("discounts[0][coupon]");

    Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
        .addDiscount(SessionCreateParams.Discount.builder().setCoupon(coupon.getId()).build())
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(ticket.getId()).setQuantity(1L).build())
        .build());
    assertThat(session.getAmountTotal()).isEqualTo(1500L);
  }

  @Test
  void validatesLikeStripe() throws Exception {
    Price monthly = monthlyPrice(900);
    InvalidRequestException recurringInPayment = (InvalidRequestException) org.assertj.core.api.Assertions
        .catchThrowable(() -> paymentSession(monthly, 1));
    assertThat(recurringInPayment.getStripeError().getParam()).isEqualTo("line_items[0][price]");
    assertThat(recurringInPayment.getMessage()).contains("You specified `payment` mode but passed a recurring price");

    given().auth().oauth2("sk_test_x").formParam("mode", "payment").formParam("success_url", "https://x.io")
        .formParam("line_items[0][price]", oneTimePrice(100).getId())
        .post("/v1/checkout/sessions").then().statusCode(400)
        .body("error.code", equalTo("parameter_missing")).body("error.param", equalTo("line_items[0][quantity]"));
    given().auth().oauth2("sk_test_x").formParam("mode", "payment").formParam("success_url", "https://x.io")
        .formParam("line_items[0][price_data][currency]", "usd")
        .post("/v1/checkout/sessions").then().statusCode(400)
        .body("error.param", equalTo("line_items[0][price_data]"));
    given().auth().oauth2("sk_test_x").formParam("mode", "subscription").formParam("success_url", "https://x.io")
        .formParam("line_items[0][price]", monthly.getId()).formParam("line_items[0][quantity]", "1")
        .formParam("payment_intent_data[metadata][a]", "b")
        .post("/v1/checkout/sessions").then().statusCode(400)
        .body("error.message", equalTo("You can not pass `payment_intent_data` in `subscription` mode."));
  }

  @Test
  void customerCreationAlwaysCreatesACustomer() throws Exception {
    Price price = oneTimePrice(700);
    Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
        .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
        .build());
    control("/_emulator/checkout_sessions/" + session.getId() + "/pay", "{}", 400); // no email known
    JsonPath paid = control("/_emulator/checkout_sessions/" + session.getId() + "/pay",
        "{\"email\": \"new@example.com\", \"name\": \"New Buyer\"}");
    String customer = paid.getString("customer");
    assertThat(customer).startsWith("cus_");
    assertThat(stripe.v1().customers().retrieve(customer).getEmail()).isEqualTo("new@example.com");
    assertThat(stripe.v1().paymentIntents().retrieve(paid.getString("payment_intent")).getCustomer())
        .isEqualTo(customer);
    List<String> types = eventTypes();
    assertThat(types.indexOf("customer.created")).isLessThan(types.indexOf("checkout.session.completed"));
  }
}
