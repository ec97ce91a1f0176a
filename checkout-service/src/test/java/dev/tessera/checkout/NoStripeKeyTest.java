package dev.tessera.checkout;

import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.seller;
import static dev.tessera.checkout.TestSupport.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without STRIPE_API_KEY the catalog keeps working and checkouts answer a clear 503 problem. */
@QuarkusTest
@TestProfile(NoStripeKeyTest.WithoutStripe.class)
class NoStripeKeyTest {

    public static class WithoutStripe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.stripe.api-key", "");
        }
    }

    @Test
    void catalogWorksAndCheckoutIsUnavailable() {
        String sellerId = unique("sel");
        String courseId = as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "course", "name", "Offline course",
                        "price", Map.of("amountMinor", 1000, "currency", "EUR")))
                .post("/catalog/offerings").then().statusCode(201).body("syncState", equalTo("pending")).extract().path("id");
        as(seller(sellerId)).post("/catalog/offerings/" + courseId + "/activate").then().statusCode(200);

        as(member(unique("usr"))).body(Map.of("offeringId", courseId)).post("/checkouts").then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("service_unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("STRIPE_API_KEY"));
        as(seller(sellerId)).get("/catalog/offerings/" + courseId).then().statusCode(200)
                .body("syncState", equalTo("pending"));
    }
}
