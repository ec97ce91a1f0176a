package dev.tessera.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaymentsRefundsDisputesTest extends EmulatorTestBase {

  private PaymentIntent paidIntent(long amount) throws Exception {
    return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(amount).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
        .putMetadata("order", "o-1").build());
  }

  @Test
  void paymentIntentsWithStripeTestCards() throws Exception {
    PaymentIntent ok = paidIntent(1000);
    assertThat(ok.getStatus()).isEqualTo("succeeded");
    assertThat(ok.getLatestCharge()).startsWith("ch_");

    CardException declined = (CardException) catchThrowable(() -> stripe.v1().paymentIntents().create(
        PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd")
            .setPaymentMethod("pm_card_visa_chargeDeclinedInsufficientFunds").setConfirm(true).build()));
    assertThat(declined.getStatusCode()).isEqualTo(402);
    assertThat(declined.getDeclineCode()).isEqualTo("insufficient_funds");
    PaymentIntent failed = declined.getStripeError().getPaymentIntent();
    assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
    assertThat(stripe.v1().charges().retrieve(declined.getCharge()).getStatus()).isEqualTo("failed");

    PaymentIntent retried = stripe.v1().paymentIntents().confirm(failed.getId(),
        com.stripe.param.PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_mastercard").build());
    assertThat(retried.getStatus()).isEqualTo("succeeded");

    PaymentIntent pending = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(500L).setCurrency("eur").build());
    assertThat(pending.getStatus()).isEqualTo("requires_payment_method");
    assertThat(stripe.v1().paymentIntents().cancel(pending.getId()).getStatus()).isEqualTo("canceled");
    assertThat(eventTypes()).endsWith("payment_intent.created", "payment_intent.canceled");
  }

  @Test
  void partialThenFullRefund() throws Exception {
    PaymentIntent intent = paidIntent(3000);
    Refund partial = stripe.v1().refunds().create(RefundCreateParams.builder()
        .setPaymentIntent(intent.getId()).setAmount(1000L)
        .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).build());
    assertThat(partial.getStatus()).isEqualTo("succeeded");
    assertThat(partial.getCharge()).isEqualTo(intent.getLatestCharge());
    BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(partial.getBalanceTransaction());
    assertThat(txn.getAmount()).isEqualTo(-1000L);
    assertThat(txn.getType()).isEqualTo("refund");

    Charge afterPartial = stripe.v1().charges().retrieve(intent.getLatestCharge());
    assertThat(afterPartial.getAmountRefunded()).isEqualTo(1000L);
    assertThat(afterPartial.getRefunded()).isFalse();

    InvalidRequestException tooMuch = (InvalidRequestException) catchThrowable(() -> stripe.v1().refunds().create(
        RefundCreateParams.builder().setCharge(intent.getLatestCharge()).setAmount(5000L).build()));
    assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");

    stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(intent.getLatestCharge()).build());
    Charge refunded = stripe.v1().charges().retrieve(intent.getLatestCharge());
    assertThat(refunded.getRefunded()).isTrue();
    assertThat(refunded.getAmountRefunded()).isEqualTo(3000L);
    InvalidRequestException again = (InvalidRequestException) catchThrowable(() -> stripe.v1().refunds().create(
        RefundCreateParams.builder().setCharge(intent.getLatestCharge()).build()));
    assertThat(again.getCode()).isEqualTo("charge_already_refunded");

    Event chargeRefunded = stripe.v1().events().list(EventListParams.builder().setType("charge.refunded").build())
        .getData().get(0);
    assertThat(chargeRefunded.getData().getPreviousAttributes()).containsEntry("refunded", false);
    assertThat(eventTypes()).endsWith("charge.refunded", "refund.created", "charge.refunded", "refund.created");
  }

  @Test
  void disputeWithdrawsFundsAndAWinReinstatesThem() throws Exception {
    PaymentIntent intent = paidIntent(5000);
    JsonPath opened = control("/_emulator/charges/" + intent.getLatestCharge() + "/dispute",
        "{\"reason\": \"product_not_received\"}");
    String disputeId = opened.getString("id");
    Dispute dispute = stripe.v1().disputes().retrieve(disputeId);
    assertThat(dispute.getStatus()).isEqualTo("needs_response");
    assertThat(dispute.getReason()).isEqualTo("product_not_received");
    assertThat(dispute.getEvidenceDetails().getDueBy()).isGreaterThan(dispute.getCreated());
    assertThat(dispute.getBalanceTransactions()).hasSize(1);
    BalanceTransaction withdrawal = dispute.getBalanceTransactions().get(0);
    assertThat(withdrawal.getAmount()).isEqualTo(-5000L);
    assertThat(withdrawal.getFee()).isEqualTo(1500L);
    assertThat(withdrawal.getNet()).isEqualTo(-6500L);
    assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getDisputed()).isTrue();
    assertThat(catchThrowable(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
        .setCharge(intent.getLatestCharge()).build()))).hasMessageContaining("charged back");

    Dispute submitted = stripe.v1().disputes().update(disputeId, DisputeUpdateParams.builder()
        .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("Delivered on time").build())
        .build());
    assertThat(submitted.getStatus()).isEqualTo("under_review");
    assertThat(submitted.getEvidence().getUncategorizedText()).isEqualTo("Delivered on time");

    control("/_emulator/disputes/" + disputeId + "/close", "{\"outcome\": \"won\"}");
    Dispute won = stripe.v1().disputes().retrieve(disputeId);
    assertThat(won.getStatus()).isEqualTo("won");
    assertThat(won.getBalanceTransactions()).hasSize(2);
    assertThat(won.getBalanceTransactions().get(1).getNet()).isEqualTo(6500L);
    assertThat(stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder()
        .setSource(disputeId).build()).getData()).hasSize(2);
    assertThat(eventTypes()).containsSubsequence("charge.dispute.created", "charge.dispute.funds_withdrawn",
        "charge.dispute.updated", "charge.dispute.funds_reinstated", "charge.dispute.closed");
  }

  @Test
  void acceptingADisputeLosesIt() throws Exception {
    PaymentIntent intent = paidIntent(2000);
    String disputeId = control("/_emulator/charges/" + intent.getLatestCharge() + "/dispute", "{}").getString("id");
    Dispute lost = stripe.v1().disputes().close(disputeId);
    assertThat(lost.getStatus()).isEqualTo("lost");
    assertThat(lost.getBalanceTransactions()).hasSize(1);
    control("/_emulator/disputes/" + disputeId + "/close", "{\"outcome\": \"won\"}", 400);
    assertThat(eventTypes()).endsWith("charge.dispute.closed");
  }
}
