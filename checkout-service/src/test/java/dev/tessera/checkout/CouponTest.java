package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.awaitStatus;
import static dev.tessera.checkout.TestSupport.count;
import static dev.tessera.checkout.TestSupport.course;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.open;
import static dev.tessera.checkout.TestSupport.openOk;
import static dev.tessera.checkout.TestSupport.seller;
import static dev.tessera.checkout.TestSupport.sendStripeEvent;
import static dev.tessera.checkout.TestSupport.session;
import static dev.tessera.checkout.TestSupport.stripe;
import static dev.tessera.checkout.TestSupport.unique;
import static dev.tessera.checkout.TestSupport.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CouponTest {

    @Inject
    DataSource dataSource;

    @Test
    void aCouponBecomesAStripeCouponAndPromotionCodeLimitedToItsOfferings() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 5000);
        String code = code();
        String couponId = createCoupon(sellerId, Map.of("code", code, "percentOff", 12.5, "duration", "repeating",
                "durationInMonths", 3, "maxRedemptions", 10, "offeringIds", List.of(courseId)))
                .path("id");

        String productId = await().atMost(Duration.ofSeconds(20)).until(() -> as(seller(sellerId))
                .get("/catalog/offerings/" + courseId).then().extract().<String>path("stripeProductId"), id -> id != null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(seller(sellerId)).get("/catalog/coupons/" + couponId)
                .then().statusCode(200).body("syncState", equalTo("synced")).body("stripePromotionCodeId", notNullValue()));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/coupons"))
                .withFormParam("percent_off", WireMock.equalTo("12.50"))
                .withFormParam("duration", WireMock.equalTo("repeating"))
                .withFormParam("duration_in_months", WireMock.equalTo("3"))
                .withFormParam("max_redemptions", WireMock.equalTo("10"))
                .withFormParam("applies_to[products][0]", WireMock.equalTo(productId))
                .withFormParam("metadata[tessera_coupon_id]", WireMock.equalTo(couponId)));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/promotion_codes"))
                .withFormParam("code", WireMock.equalTo(code))
                .withFormParam("promotion[type]", WireMock.equalTo("coupon"))
                .withFormParam("active", WireMock.equalTo("true")));
        as(seller(sellerId)).get("/catalog/coupons/" + couponId).then().body("percentOff", equalTo(12.5f));
        as(seller(unique("sel"))).get("/catalog/coupons/" + couponId).then().statusCode(403);
    }

    @Test
    void aValidCodeIsAppliedToTheSessionAndItsRedemptionRecordedOnCompletion() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 5000);
        String code = code();
        String couponId = createCoupon(sellerId, Map.of("code", code, "amountOffMinor", 500, "currency", "EUR",
                "duration", "once", "maxRedemptions", 1, "offeringIds", List.of(courseId))).path("id");

        String checkoutId = open(member(unique("usr")), Map.of("offeringId", courseId, "couponCode", code.toLowerCase(Locale.ROOT)), null)
                .statusCode(201).body("couponId", equalTo(couponId)).extract().path("id");
        String promotionCode = as(seller(sellerId)).get("/catalog/coupons/" + couponId).then().extract().path("stripePromotionCodeId");
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(checkoutId))
                .withFormParam("discounts[0][promotion_code]", WireMock.equalTo(promotionCode))
                .withFormParam("allow_promotion_codes", absent()));
        // the one redemption is taken while that checkout is open
        open(member(unique("usr")), Map.of("offeringId", courseId, "couponCode", code), null).statusCode(422)
                .body("code", equalTo("checkout.coupon_exhausted"));

        ObjectNode completed = session(checkoutId, "complete", "paid");
        completed.put("amount_total", 4500);
        completed.putObject("total_details").put("amount_discount", 500);
        completed.putArray("discounts").addObject().put("promotion_code", promotionCode);
        sendStripeEvent("checkout.session.completed", completed);
        awaitStatus(checkoutId, "completed");
        as(seller(sellerId)).get("/catalog/coupons/" + couponId).then().body("redemptions", equalTo(1));
        assertThat(count(dataSource, "select count(*) from coupon_redemption where coupon_id = '" + couponId
                + "' and amount_discount_minor = 500")).isEqualTo(1);
        open(member(unique("usr")), Map.of("offeringId", courseId, "couponCode", code), null).statusCode(422)
                .body("code", equalTo("checkout.coupon_exhausted"));
    }

    @Test
    void codesTypedOnStripesPageAreRecordedToo() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 5000);
        String couponId = createCoupon(sellerId, Map.of("code", code(), "percentOff", 10, "duration", "once",
                "offeringIds", List.of(courseId))).path("id");
        String promotionCode = await().atMost(Duration.ofSeconds(20)).until(() -> as(seller(sellerId))
                .get("/catalog/coupons/" + couponId).then().extract().<String>path("stripePromotionCodeId"), id -> id != null);
        String checkoutId = openOk(member(unique("usr")), Map.of("offeringId", courseId));
        ObjectNode completed = session(checkoutId, "complete", "paid");
        completed.putArray("discounts").addObject().put("promotion_code", promotionCode);
        sendStripeEvent("checkout.session.completed", completed);
        awaitStatus(checkoutId, "completed");
        as(seller(sellerId)).get("/catalog/coupons/" + couponId).then().body("redemptions", equalTo(1));
    }

    @Test
    void invalidCodesAreRefusedWithClearErrors() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 5000);
        String otherCourse = course(sellerId, 5000);
        String usdCourse = TestSupport.activeOffering(sellerId, Map.of("sellerId", sellerId, "kind", "course",
                "name", "Dollar course", "price", Map.of("amountMinor", 5000, "currency", "USD")));
        String future = code();
        createCoupon(sellerId, Map.of("code", future, "percentOff", 10, "duration", "once",
                "redeemFrom", Instant.now().plus(Duration.ofDays(2)).toString(), "offeringIds", List.of(courseId)));
        String narrow = code();
        createCoupon(sellerId, Map.of("code", narrow, "amountOffMinor", 100, "currency", "EUR", "duration", "once",
                "offeringIds", List.of(courseId, usdCourse)));
        String expiring = code();
        String expiringId = createCoupon(sellerId, Map.of("code", expiring, "percentOff", 10, "duration", "once",
                "redeemUntil", Instant.now().plus(Duration.ofDays(1)).toString(), "offeringIds", List.of(courseId))).path("id");
        update(dataSource, "update coupon set redeem_until = now() - interval '1 minute' where id = '" + expiringId + "'");
        String archived = code();
        String archivedId = createCoupon(sellerId, Map.of("code", archived, "percentOff", 10, "duration", "once",
                "offeringIds", List.of(courseId))).path("id");
        as(seller(sellerId)).post("/catalog/coupons/" + archivedId + "/archive").then().statusCode(200)
                .body("status", equalTo("archived"));
        String token = member(unique("usr"));
        long checkouts = count(dataSource, "select count(*) from checkout");

        assertRefused(token, courseId, "NOSUCHCODE", "checkout.coupon_unknown");
        assertRefused(token, courseId, future, "checkout.coupon_not_yet_valid");
        assertRefused(token, otherCourse, narrow, "checkout.coupon_not_applicable");
        assertRefused(token, usdCourse, narrow, "checkout.coupon_not_applicable");
        assertRefused(token, courseId, expiring, "checkout.coupon_expired");
        assertRefused(token, courseId, archived, "checkout.coupon_expired");
        assertThat(count(dataSource, "select count(*) from checkout")).isEqualTo(checkouts);
        // the archived code cannot be redeemed on Stripe's page either: its promotion code was never opened, or was closed
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(seller(sellerId)).get("/catalog/coupons/" + archivedId)
                .then().body("syncState", equalTo("synced")));
        String promotionCode = as(seller(sellerId)).get("/catalog/coupons/" + archivedId).then().extract()
                .path("stripePromotionCodeId");
        boolean openedInStripe = !stripe().findAll(postRequestedFor(urlPathEqualTo("/v1/promotion_codes"))
                .withFormParam("code", WireMock.equalTo(archived)).withFormParam("active", WireMock.equalTo("true"))).isEmpty();
        if (openedInStripe) {
            stripe().verify(postRequestedFor(urlPathEqualTo("/v1/promotion_codes/" + promotionCode))
                    .withFormParam("active", WireMock.equalTo("false")));
        }
    }

    @Test
    void couponInputIsValidated() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 5000);
        String foreign = course(unique("sel"), 5000);
        long coupons = count(dataSource, "select count(*) from coupon");
        Map<String, Object> body = new HashMap<>(Map.of("sellerId", sellerId, "code", "no spaces!", "percentOff", 12.345,
                "amountOffMinor", 100, "duration", "sometimes", "offeringIds", List.of(courseId, foreign)));
        as(seller(sellerId)).body(body).post("/catalog/coupons").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("code", "percentOff", "duration"));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "code", code(), "percentOff", 10, "duration", "once",
                "offeringIds", List.of(courseId, foreign))).post("/catalog/coupons").then().statusCode(400)
                .body("errors[0].field", equalTo("offeringIds[1]"));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "code", code(), "percentOff", 10, "duration", "once"))
                .post("/catalog/coupons").then().statusCode(400).body("errors[0].field", equalTo("offeringIds"));
        as(seller(unique("sel"))).body(Map.of("sellerId", sellerId, "code", code(), "percentOff", 10, "duration", "once",
                "offeringIds", List.of(courseId))).post("/catalog/coupons").then().statusCode(403);
        String taken = code();
        createCoupon(sellerId, Map.of("code", taken, "percentOff", 10, "duration", "once", "offeringIds", List.of(courseId)));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "code", taken.toLowerCase(Locale.ROOT), "percentOff", 5,
                        "duration", "once", "offeringIds", List.of(courseId))).post("/catalog/coupons").then()
                .statusCode(409).body("code", equalTo("catalog.coupon_code_taken"));
        assertThat(count(dataSource, "select count(*) from coupon")).isEqualTo(coupons + 1);
    }

    private static void assertRefused(String token, String offeringId, String code, String errorCode) {
        open(token, Map.of("offeringId", offeringId, "couponCode", code), null).statusCode(422)
                .contentType("application/problem+json").body("code", equalTo(errorCode));
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> createCoupon(
            String sellerId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("sellerId", sellerId);
        return as(seller(sellerId)).body(body).post("/catalog/coupons").then().statusCode(201).extract();
    }

    private static String code() {
        return unique("C").replace("_", "").toUpperCase(Locale.ROOT);
    }
}
