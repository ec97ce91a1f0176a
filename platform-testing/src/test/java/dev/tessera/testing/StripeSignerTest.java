package dev.tessera.testing;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeSignerTest {

    private static final String PAYLOAD = "{\"id\":\"evt_123\",\"object\":\"event\"}";
    private static final String SECRET = "whsec_tessera_test";

    @Test
    void matchesAnIndependentlyComputedHmacSha256() {
        // python3: hmac.new(b'whsec_tessera_test', b'1700000000.' + payload, hashlib.sha256).hexdigest()
        assertThat(StripeSigner.signatureHeader(PAYLOAD, SECRET, 1_700_000_000L))
                .isEqualTo("t=1700000000,v1=4d101830c68fc2f4a6cf498156a5f7e04dfe7556aca32124146bbebea3f0a52c");
    }

    @Test
    void signsWithTheCurrentTimeByDefault() {
        long before = Instant.now().getEpochSecond();
        String header = StripeSigner.signatureHeader(PAYLOAD, SECRET);
        long after = Instant.now().getEpochSecond();

        long timestamp = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(timestamp).isBetween(before, after);
        assertThat(header).endsWith(",v1=" + StripeSigner.signature(PAYLOAD, SECRET, timestamp));
    }

    @Test
    void aDifferentSecretGivesADifferentSignature() {
        assertThat(StripeSigner.signature(PAYLOAD, SECRET, 1L)).isNotEqualTo(StripeSigner.signature(PAYLOAD, SECRET + "x", 1L));
    }
}
