package dev.tessera.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.runtime.error.PlatformErrorCode;
import dev.tessera.runtime.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.json.Json;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Nested
    class Anonymous {

        private final Caller caller = new Caller(QuarkusSecurityIdentity.builder().setAnonymous(true).build());

        @Test
        void isNotAuthenticatedAndHasNothing() {
            assertThat(caller.isAuthenticated()).isFalse();
            assertThat(caller.email()).isEmpty();
            assertThat(caller.sellerIds()).isEmpty();
            assertThat(caller.hasRole(Roles.OPS)).isFalse();
            assertThat(caller.actsForSeller("s_1")).isFalse();
        }

        @Test
        void everyRequirementIsA401() {
            assertProblem(caller::userId, PlatformErrorCode.UNAUTHENTICATED);
            assertProblem(caller::requireAuthenticated, PlatformErrorCode.UNAUTHENTICATED);
            assertProblem(() -> caller.requireSeller("s_1"), PlatformErrorCode.UNAUTHENTICATED);
            assertProblem(() -> caller.requireSellerOrRole("s_1", Roles.FINANCE), PlatformErrorCode.UNAUTHENTICATED);
        }
    }

    @Nested
    class Seller {

        private final Caller caller = caller(token("user_1", Map.of(
                "email", "ann@example.com",
                Caller.SELLER_IDS_CLAIM, Json.createArrayBuilder().add("s_1").add("s_2").build())), Roles.SELLER);

        @Test
        void readsTheStandardClaims() {
            assertThat(caller.isAuthenticated()).isTrue();
            assertThat(caller.userId()).isEqualTo("user_1");
            assertThat(caller.email()).contains("ann@example.com");
            assertThat(caller.sellerIds()).containsExactly("s_1", "s_2");
            assertThat(caller.hasRole(Roles.SELLER)).isTrue();
            assertThat(caller.hasAnyRole(Roles.FINANCE, Roles.SELLER)).isTrue();
            assertThat(caller.hasAnyRole(Roles.FINANCE, Roles.OPS)).isFalse();
        }

        @Test
        void mayActOnlyForItsOwnSellers() {
            assertThat(caller.actsForSeller("s_1")).isTrue();
            assertThat(caller.actsForSeller("s_3")).isFalse();
            assertThatCode(() -> caller.requireSeller("s_2")).doesNotThrowAnyException();
            assertProblem(() -> caller.requireSeller("s_3"), PlatformErrorCode.FORBIDDEN);
            assertThatCode(() -> caller.requireSellerOrRole("s_1", Roles.FINANCE, Roles.OPS))
                    .doesNotThrowAnyException();
            assertProblem(() -> caller.requireSellerOrRole("s_3", Roles.FINANCE, Roles.OPS), PlatformErrorCode.FORBIDDEN);
        }

        @Test
        void sellerIdsAreAnUnmodifiableView() {
            Set<String> ids = caller.sellerIds();
            assertThatThrownBy(() -> ids.add("s_9")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class SellerIdsWithoutTheSellerRole {

        @Test
        void grantNothing() {
            // A member token that somehow carries seller_ids must not act for those sellers.
            Caller caller = caller(token("user_2",
                    Map.of(Caller.SELLER_IDS_CLAIM, Json.createArrayBuilder().add("s_1").build())), Roles.MEMBER);
            assertThat(caller.sellerIds()).containsExactly("s_1");
            assertThat(caller.actsForSeller("s_1")).isFalse();
            assertProblem(() -> caller.requireSeller("s_1"), PlatformErrorCode.FORBIDDEN);
        }
    }

    @Nested
    class Staff {

        @Test
        void financeAndOpsMayReadAnySellerWhenTheEndpointSaysSo() {
            Caller finance = caller(token("f_1", Map.of()), Roles.FINANCE);
            Caller ops = caller(token("o_1", Map.of()), Roles.OPS);
            assertThatCode(() -> finance.requireSellerOrRole("s_1", Roles.FINANCE, Roles.OPS))
                    .doesNotThrowAnyException();
            assertThatCode(() -> ops.requireSellerOrRole("s_1", Roles.FINANCE, Roles.OPS)).doesNotThrowAnyException();
            // ...but only where the endpoint lists their role.
            assertProblem(() -> finance.requireSellerOrRole("s_1", Roles.OPS), PlatformErrorCode.FORBIDDEN);
            assertProblem(() -> finance.requireSeller("s_1"), PlatformErrorCode.FORBIDDEN);
        }
    }

    @Nested
    class ClaimShapes {

        @Test
        void missingClaimsAreEmpty() {
            Caller caller = caller(token("u", Map.of()), Roles.SELLER);
            assertThat(caller.sellerIds()).isEmpty();
            assertThat(caller.email()).isEmpty();
            assertThat(caller.actsForSeller("s_1")).isFalse();
        }

        @Test
        void aStringInsteadOfAnArrayGrantsNothing() {
            Caller caller = caller(token("u", Map.of(Caller.SELLER_IDS_CLAIM, Json.createValue("s_1"))), Roles.SELLER);
            assertThat(caller.sellerIds()).isEmpty();
        }

        @Test
        void nonStringEntriesAreIgnored() {
            Caller caller = caller(token("u", Map.of(Caller.SELLER_IDS_CLAIM,
                    Json.createArrayBuilder().add(1).add("s_1").addNull().add(Json.createObjectBuilder()).build())),
                    Roles.SELLER);
            assertThat(caller.sellerIds()).containsExactly("s_1");
        }

        @Test
        void javaCollectionsAreAcceptedToo() {
            Caller caller = caller(token("u", Map.of(Caller.SELLER_IDS_CLAIM, List.of("s_1", "s_2"))), Roles.SELLER);
            assertThat(caller.sellerIds()).containsExactly("s_1", "s_2");
        }

        @Test
        void aTokenWithoutSubjectIsNotAUser() {
            Caller caller = caller(token(null, Map.of()), Roles.MEMBER);
            assertProblem(caller::userId, PlatformErrorCode.UNAUTHENTICATED);
        }

        @Test
        void aNonJwtIdentityHasItsPrincipalNameAsUserIdAndNoSellers() {
            Principal principal = () -> "test-user";
            Caller caller = new Caller(QuarkusSecurityIdentity.builder().setPrincipal(principal)
                    .addRole(Roles.SELLER).build());
            assertThat(caller.userId()).isEqualTo("test-user");
            assertThat(caller.sellerIds()).isEmpty();
            assertThat(caller.email()).isEmpty();
        }
    }

    @Test
    void nullSellerIdIsAProgrammingError() {
        Caller caller = caller(token("u", Map.of()), Roles.OPS);
        assertThatThrownBy(() -> caller.requireSeller(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> caller.requireSellerOrRole(null, Roles.OPS)).isInstanceOf(NullPointerException.class);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static Caller caller(JsonWebToken token, String... roles) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(token);
        for (String role : roles) {
            identity.addRole(role);
        }
        SecurityIdentity built = identity.build();
        return new Caller(built);
    }

    private static JsonWebToken token(String subject, Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        if (subject != null) {
            all.put("sub", subject);
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return all.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) all.get(claimName);
            }
        };
    }

    private static void assertProblem(ThrowingCallable call, PlatformErrorCode expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.errorCode()).isEqualTo(expected));
    }
}
