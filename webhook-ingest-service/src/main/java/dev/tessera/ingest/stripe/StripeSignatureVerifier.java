package dev.tessera.ingest.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.tessera.ingest.domain.IngestErrorCode;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Verifies Stripe's signature with stripe-java, on the payload exactly as received. Any of the
 * configured secrets may match, so a new secret can be added before the old one is removed.
 */
@ApplicationScoped
public class StripeSignatureVerifier {

    /**
     * Throws a problem naming why the signature was refused. stripe-java checks the timestamp only
     * after a signature matched, so an expired timestamp always means an authentic but stale request.
     */
    public void verify(String payload, String signatureHeader, List<String> secrets, Duration tolerance) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new ProblemException(IngestErrorCode.SIGNATURE_MISSING, "the Stripe-Signature header is required");
        }
        IngestErrorCode failure = IngestErrorCode.SIGNATURE_MISMATCH;
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, signatureHeader, secret, tolerance.toSeconds());
                return;
            } catch (SignatureVerificationException e) {
                failure = classify(e, failure);
            }
        }
        throw new ProblemException(failure, detail(failure));
    }

    private static IngestErrorCode classify(SignatureVerificationException e, IngestErrorCode soFar) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("tolerance")) {
            return IngestErrorCode.TIMESTAMP_OUTSIDE_TOLERANCE;
        }
        if (soFar == IngestErrorCode.TIMESTAMP_OUTSIDE_TOLERANCE) {
            return soFar;
        }
        if (message.contains("Unable to extract") || message.contains("expected scheme")) {
            return IngestErrorCode.SIGNATURE_MALFORMED;
        }
        return IngestErrorCode.SIGNATURE_MISMATCH;
    }

    private static String detail(IngestErrorCode failure) {
        return switch (failure) {
            case TIMESTAMP_OUTSIDE_TOLERANCE -> "the signature's timestamp is outside the accepted tolerance";
            case SIGNATURE_MALFORMED -> "the Stripe-Signature header has no timestamp or no v1 signature";
            default -> "no v1 signature matches the payload for any configured secret";
        };
    }
}
