package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Stripe-Signature} headers as Stripe computes them, for webhook tests:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>}.
 *
 * <p>Sign exactly the bytes the test then sends: re-serializing the JSON after signing breaks the signature,
 * as it would with Stripe.
 */
public final class StripeSigner {

    public static final String HEADER = "Stripe-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private StripeSigner() {
    }

    /** A header for {@code payload} signed now. */
    public static String signatureHeader(String payload, String secret) {
        return signatureHeader(payload, secret, Instant.now().getEpochSecond());
    }

    /** A header for {@code payload} signed at {@code timestampSeconds}; use an old one to test the tolerance. */
    public static String signatureHeader(String payload, String secret, long timestampSeconds) {
        return "t=" + timestampSeconds + ",v1=" + signature(payload, secret, timestampSeconds);
    }

    /** The bare {@code v1} value: hex HMAC-SHA256 of {@code "<timestampSeconds>.<payload>"}. */
    public static String signature(String payload, String secret, long timestampSeconds) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((timestampSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
