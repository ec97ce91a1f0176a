package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * RS256 bearer tokens as Tessera's callers present them, signed with a key generated once per JVM and
 * trusted by every application started with {@link TesseraTestResource}.
 *
 * <p>Claims: {@code iss} = {@link #ISSUER}, {@code sub} and {@code upn} = the user, {@code groups} = the
 * roles (MicroProfile JWT maps them to {@code @RolesAllowed} roles), {@code iat}, {@code exp} one hour
 * later, a random {@code jti}; seller tokens add {@value #SELLER_IDS_CLAIM}, a JSON array of the seller
 * ids the caller may act for.
 */
public final class TestJwt {

    public static final String ISSUER = "https://tessera.test/issuer";
    public static final String SELLER_IDS_CLAIM = "seller_ids";
    public static final String MEMBER = "member";
    public static final String SELLER = "seller";
    public static final String FINANCE = "finance";
    public static final String OPS = "ops";
    public static final Duration LIFETIME = Duration.ofHours(1);

    private TestJwt() {
    }

    /** The public half of the JVM's signing key, as a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). */
    public static String publicKeyPem() {
        byte[] encoded = Keys.SIGNING.getPublic().getEncoded();
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    public static String member(String userId) {
        return token(userId, Set.of(MEMBER), Map.of());
    }

    public static String seller(String userId, String... sellerIds) {
        return token(userId, Set.of(SELLER), Map.of(SELLER_IDS_CLAIM, List.of(sellerIds)));
    }

    public static String finance(String userId) {
        return token(userId, Set.of(FINANCE), Map.of());
    }

    public static String ops(String userId) {
        return token(userId, Set.of(OPS), Map.of());
    }

    /**
     * A valid token for {@code sub} with {@code roles}. {@code extraClaims} are set last, so they can also
     * replace a standard claim (say {@code iss}, for a wrong-issuer test). Collections become JSON arrays,
     * maps JSON objects.
     */
    public static String token(String sub, Set<String> roles, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        return sign(sub, roles, extraClaims, now, now.plus(LIFETIME), Keys.SIGNING.getPrivate());
    }

    /** A token that expired an hour ago (issued two hours ago); otherwise valid. */
    public static String expired(String sub, Set<String> roles) {
        Instant now = Instant.now();
        return sign(sub, roles, Map.of(), now.minus(LIFETIME.multipliedBy(2)), now.minus(LIFETIME),
                Keys.SIGNING.getPrivate());
    }

    /** A token signed with a key no application trusts; otherwise valid. */
    public static String signedWithUntrustedKey(String sub, Set<String> roles) {
        Instant now = Instant.now();
        return sign(sub, roles, Map.of(), now, now.plus(LIFETIME), UntrustedKeys.UNTRUSTED.getPrivate());
    }

    /** {@code "Bearer " + token}, for an {@code Authorization} header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(String sub, Set<String> roles, Map<String, Object> extraClaims, Instant issuedAt,
            Instant expiresAt, PrivateKey key) {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(extraClaims, "extraClaims");
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(ISSUER)
                .subject(sub)
                .upn(sub)
                .groups(Set.copyOf(roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        extraClaims.forEach(claims::claim);
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    // Holders, so each key is made on first use only; generating an RSA key takes a noticeable moment.
    private static final class Keys {
        static final KeyPair SIGNING = (KeyPair) JvmWide.call(JvmKeys.class, "signingKey");
    }

    private static final class UntrustedKeys {
        // Local to this class loader on purpose: it only has to differ from the trusted key.
        static final KeyPair UNTRUSTED = JvmKeys.generate();
    }
}
