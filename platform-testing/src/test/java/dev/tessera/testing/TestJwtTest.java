package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestJwtTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sellerTokenCarriesTheExpectedClaims() throws Exception {
        long now = Instant.now().getEpochSecond();

        String token = TestJwt.seller("user_42", "seller_a", "seller_b");

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo(TestJwt.ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("user_42");
        assertThat(claims.get("upn").asText()).isEqualTo("user_42");
        assertThat(claims.get("groups")).containsExactly(JSON.readTree("\"seller\""));
        assertThat(claims.get("seller_ids").isArray()).isTrue();
        assertThat(claims.get("seller_ids")).extracting(JsonNode::asText).containsExactly("seller_a", "seller_b");
        assertThat(claims.get("iat").asLong()).isBetween(now - 5, now + 5);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(verifies(token)).isTrue();
    }

    @Test
    void roleTokensAndExtraClaims() throws Exception {
        assertThat(part(TestJwt.member("u1"), 1).get("groups")).extracting(JsonNode::asText).containsExactly("member");
        assertThat(part(TestJwt.finance("u1"), 1).get("groups")).extracting(JsonNode::asText).containsExactly("finance");
        assertThat(part(TestJwt.ops("u1"), 1).get("groups")).extracting(JsonNode::asText).containsExactly("ops");

        JsonNode claims = part(TestJwt.token("u2", Set.of("ops", "finance"),
                Map.of("iss", "https://someone.else", "tenant", Map.of("id", 7))), 1);
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder("ops", "finance");
        assertThat(claims.get("iss").asText()).isEqualTo("https://someone.else");
        assertThat(claims.get("tenant").get("id").asInt()).isEqualTo(7);
    }

    @Test
    void expiredAndUntrustedTokens() throws Exception {
        String expired = TestJwt.expired("u3", Set.of("member"));
        assertThat(part(expired, 1).get("exp").asLong()).isLessThan(Instant.now().getEpochSecond() - 3000);
        assertThat(verifies(expired)).isTrue();

        assertThat(verifies(TestJwt.signedWithUntrustedKey("u3", Set.of("member")))).isFalse();
    }

    @Test
    void publicKeyIsAPemThatVerifiesTokens() throws Exception {
        String pem = TestJwt.publicKeyPem();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(TestJwt.publicKeyPem()).isEqualTo(pem);
        assertThat(TestJwt.bearer("abc")).isEqualTo("Bearer abc");
    }

    private static JsonNode part(String token, int index) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }

    private static boolean verifies(String token) throws Exception {
        String pem = TestJwt.publicKeyPem();
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        int lastDot = token.lastIndexOf('.');
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }
}
