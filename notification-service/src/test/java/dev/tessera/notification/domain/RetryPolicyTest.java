package dev.tessera.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(2));
    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aFailureIsRetriedUntilTheLastTryThenDead() {
        assertThat(policy.afterFailure(1, now)).isEqualTo(new RetryPolicy.Outcome(DeliveryStatus.FAILED, now.plusSeconds(30)));
        assertThat(policy.afterFailure(4, now)).isEqualTo(new RetryPolicy.Outcome(DeliveryStatus.FAILED, now.plusSeconds(120)));
        assertThat(policy.afterFailure(5, now)).isEqualTo(new RetryPolicy.Outcome(DeliveryStatus.DEAD, null));
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).afterFailure(1, now).status())
                .isEqualTo(DeliveryStatus.DEAD);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
