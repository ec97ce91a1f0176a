package dev.tessera.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.runtime.error.ErrorCodes;
import org.junit.jupiter.api.Test;

class NotificationErrorCodeTest {

    @Test
    void codesFollowThePlatformRules() {
        ErrorCodes.verify(NotificationErrorCode.class);
        assertThat(NotificationErrorCode.values()).allMatch(code -> code.code().startsWith("notification."));
    }

    @Test
    void transactionalMessagesAreTheOnesAboutMoneyAndAccessBought() {
        assertThat(Template.RECEIPT.transactional()).isTrue();
        assertThat(Template.PAYMENT_FAILED.transactional()).isTrue();
        assertThat(Template.REFUND_ISSUED.transactional()).isTrue();
        assertThat(Template.GUEST_CLAIM.transactional()).isTrue();
        assertThat(Template.MEMBERSHIP_ACTIVATED.transactional()).isFalse();
        assertThat(Template.fromId("payment_failed")).isEqualTo(Template.PAYMENT_FAILED);
    }
}
