package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Account;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every emulated object carries every top-level field of Stripe's own example of that resource
 * for the pinned API version ({@code stripe-fixtures-subset.json}, from Stripe's OpenAPI repository).
 */
@QuarkusTest
class ShapeConformanceTest extends EmulatorTestBase {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode get(String path) throws Exception {
    return MAPPER.readTree(given().auth().oauth2("sk_test_x").get(path).then().statusCode(200).extract().asString());
  }

  private static JsonNode get(String path, String account) throws Exception {
    return MAPPER.readTree(given().auth().oauth2("sk_test_x").header("Stripe-Account", account).get(path).then()
        .statusCode(200).extract().asString());
  }

  @Test
  void objectsHaveEveryFieldOfStripesExamples() throws Exception {
    JsonNode fixtures;
    try (InputStream in = getClass().getResourceAsStream("/stripe-fixtures-subset.json")) {
      fixtures = MAPPER.readTree(in).get("resources");
    }
    Map<String, JsonNode> produced = new LinkedHashMap<>();

    Price price = monthlyPrice(2000);
    Subscription sub = stripe.v1().subscriptions().retrieve(pay(subscriptionSession(price).getId())
        .getString("subscription"));
    JsonNode subJson = get("/v1/subscriptions/" + sub.getId());
    produced.put("subscription", subJson);
    produced.put("subscription_item", subJson.get("items").get("data").get(0));
    produced.put("price", get("/v1/prices/" + price.getId()));
    produced.put("product", get("/v1/products/" + price.getProduct()));
    produced.put("customer", get("/v1/customers/" + sub.getCustomer()));
    JsonNode invoice = get("/v1/invoices/" + sub.getLatestInvoice());
    produced.put("invoice", invoice);
    produced.put("line_item", invoice.get("lines").get("data").get(0));
    produced.put("invoice_payment", get("/v1/invoice_payments?invoice=" + sub.getLatestInvoice()).get("data").get(0));
    produced.put("payment_method", get("/v1/payment_methods/" + sub.getDefaultPaymentMethod()));

    String coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(100L).setCurrency("usd")
        .build()).getId();
    produced.put("coupon", get("/v1/coupons/" + coupon));
    String promo = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
        .setPromotion(PromotionCodeCreateParams.Promotion.builder()
            .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(coupon).build()).build()).getId();
    produced.put("promotion_code", get("/v1/promotion_codes/" + promo));

    Price ticket = oneTimePrice(5000);
    String session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://x.io/ok")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(ticket.getId()).setQuantity(1L).build())
        .addDiscount(SessionCreateParams.Discount.builder().setCoupon(coupon).build())
        .build()).getId();
    produced.put("checkout.session", get("/v1/checkout/sessions/" + session));
    produced.put("item", get("/v1/checkout/sessions/" + session + "/line_items").get("data").get(0));

    Account seller = onboardedAccount();
    PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(5000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
        .setApplicationFeeAmount(300L).setTransferData(PaymentIntentCreateParams.TransferData.builder()
            .setDestination(seller.getId()).build()).build());
    produced.put("payment_intent", get("/v1/payment_intents/" + intent.getId()));
    JsonNode charge = get("/v1/charges/" + intent.getLatestCharge());
    produced.put("charge", charge);
    produced.put("balance_transaction", get("/v1/balance_transactions/" + charge.get("balance_transaction").asText()));
    produced.put("application_fee", get("/v1/application_fees/" + charge.get("application_fee").asText()));
    produced.put("transfer", get("/v1/transfers/" + charge.get("transfer").asText()));
    produced.put("refund", get("/v1/refunds/" + stripe.v1().refunds().create(RefundCreateParams.builder()
        .setCharge(intent.getLatestCharge()).setAmount(100L).build()).getId()));
    String dispute = control("/_emulator/charges/" + intent.getLatestCharge() + "/dispute", "{}").getString("id");
    produced.put("dispute", get("/v1/disputes/" + dispute));
    produced.put("account", get("/v1/accounts/" + seller.getId()));
    produced.put("account_link", MAPPER.readTree(stripe.v1().accountLinks().create(AccountLinkCreateParams.builder()
        .setAccount(seller.getId()).setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
        .setReturnUrl("https://x.io/back").build()).getLastResponse().body()));
    produced.put("login_link", MAPPER.readTree(stripe.v1().accounts().loginLinks().create(seller.getId())
        .getLastResponse().body()));
    advance(3 * 86400);
    String payout = stripe.v1().payouts().create(PayoutCreateParams.builder().setAmount(500L).setCurrency("usd")
        .build(), on(seller.getId())).getId();
    produced.put("payout", get("/v1/payouts/" + payout, seller.getId()));
    produced.put("balance", get("/v1/balance"));
    produced.put("event", get("/v1/events").get("data").get(0));
    produced.put("discount", discountFromSessionFlow(price));

    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : produced.entrySet()) {
      assertThat(e.getValue()).as("emulated " + e.getKey()).isNotNull();
      JsonNode fixture = fixtures.get(e.getKey());
      assertThat(fixture).as("fixture for " + e.getKey()).isNotNull();
      Iterator<String> names = fixture.fieldNames();
      while (names.hasNext()) {
        String field = names.next();
        if (!e.getValue().has(field)) {
          problems.add(e.getKey() + "." + field);
        }
      }
    }
    assertThat(problems).as("fields of Stripe's examples missing from emulated objects").isEmpty();
    assertThat(produced.keySet()).containsAll(iterable(fixtures.fieldNames()));
  }

  /** A subscription bought with a coupon carries a discount object. */
  private JsonNode discountFromSessionFlow(Price price) throws Exception {
    String coupon = stripe.v1().coupons().create(CouponCreateParams.builder()
        .setPercentOff(new java.math.BigDecimal("10")).setDuration(CouponCreateParams.Duration.FOREVER).build())
        .getId();
    String session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setSuccessUrl("https://x.io/ok")
        .setCustomerEmail("d@x.io")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
        .addDiscount(SessionCreateParams.Discount.builder().setCoupon(coupon).build())
        .build()).getId();
    String sub = pay(session).getString("subscription");
    JsonNode expanded = get("/v1/subscriptions/" + sub + "?expand[]=discounts");
    return expanded.get("discounts").get(0);
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
