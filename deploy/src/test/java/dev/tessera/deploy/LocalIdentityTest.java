package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIdentityTest {

    @TempDir
    Path directory;

    @Test
    void tokensVerifyWithThePublicKeyServicesAreGiven() throws Exception {
        LocalIdentity identity = new LocalIdentity(directory);
        String token = identity.token("bob", List.of("seller"), List.of("seller_1", "seller_2"), Duration.ofHours(12));

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(publicKey(identity.publicKeyFile()))
                .setExpectedIssuer(LocalIdentity.ISSUER)
                .setRequireExpirationTime()
                .build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("bob");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("seller");
        assertThat(claims.getStringListClaimValue(LocalIdentity.SELLER_IDS_CLAIM)).containsExactly("seller_1", "seller_2");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(12 * 3600);
        assertThat(claims.getJwtId()).isNotBlank();
    }

    @Test
    void aMemberTokenMayCarryAnEmailAddress() throws Exception {
        LocalIdentity identity = new LocalIdentity(directory);
        String token = identity.token("ann", List.of("member"), List.of(), Duration.ofHours(1), "ann@example.com");

        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(publicKey(identity.publicKeyFile()))
                .setExpectedIssuer(LocalIdentity.ISSUER).build().processToClaims(token);
        assertThat(claims.getStringClaimValue(LocalIdentity.EMAIL_CLAIM)).isEqualTo("ann@example.com");
        assertThat(claims.hasClaim(LocalIdentity.SELLER_IDS_CLAIM)).isFalse();
    }

    @Test
    void theKeyPairIsGeneratedOnceAndKeptPrivate() throws Exception {
        String first = Files.readString(new LocalIdentity(directory).publicKeyFile(), StandardCharsets.US_ASCII);
        String second = Files.readString(new LocalIdentity(directory).publicKeyFile(), StandardCharsets.US_ASCII);

        assertThat(second).isEqualTo(first).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("private.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void rejectsUnknownRolesAndSellerTokensWithoutSellers() {
        LocalIdentity identity = new LocalIdentity(directory);

        assertThatThrownBy(() -> identity.token("x", List.of("admin"), List.of(), Duration.ofHours(1)))
                .isInstanceOf(CliException.class).hasMessageContaining("Unknown role 'admin'");
        assertThatThrownBy(() -> identity.token("x", List.of("seller"), List.of(), Duration.ofHours(1)))
                .isInstanceOf(CliException.class).hasMessageContaining("--seller-ids");
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
