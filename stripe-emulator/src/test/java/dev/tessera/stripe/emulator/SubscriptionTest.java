package dev.tessera.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stripe.exception.CardException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriptionTest extends EmulatorTestBase {
  private static final long DAY = 86400;

  private Subscription subscribe(Price price) throws Exception {
    Session session = subscriptionSession(price);
    JsonPath paid = pay(session.getId());
    assertThat(paid.getString("status")).isEqualTo("complete");
    return stripe.v1().subscriptions().retrieve(paid.getString("subscription"));
  }

  @Test
  void checkoutCreatesSubscriptionInvoiceAndPayment() throws Exception {
    Price price = monthlyPrice(1500);
    Session session = subscriptionSession(price);
    JsonPath paid = pay(session.getId());
    assertThat(paid.getString("payment_intent")).isNull();
    Subscription sub = stripe.v1().subscriptions().retrieve(paid.getString("subscription"));
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(sub.getMetadata()).containsEntry("tessera_seller_id", "sel_1");
    assertThat(sub.getCustomer()).isEqualTo(paid.getString("customer"));
    SubscriptionItem item = sub.getItems().getData().get(0);
    assertThat(item.getPrice().getId()).isEqualTo(price.getId());
    assertThat(Instant.ofEpochSecond(item.getCurrentPeriodEnd()).atZone(ZoneOffset.UTC))
        .isEqualTo(Instant.ofEpochSecond(item.getCurrentPeriodStart()).atZone(ZoneOffset.UTC).plusMonths(1));
    assertThat(sub.getDefaultPaymentMethod()).startsWith("pm_");

    Invoice invoice = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(invoice.getId()).isEqualTo(paid.getString("invoice"));
    assertThat(invoice.getStatus()).isEqualTo("paid");
    assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
    assertThat(invoice.getAmountPaid()).isEqualTo(1500L);
    assertThat(invoice.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(sub.getId());
    assertThat(invoice.getParent().getSubscriptionDetails().getMetadata()).containsEntry("tessera_seller_id", "sel_1");
    assertThat(invoice.getLines().getData().get(0).getPeriod().getEnd()).isEqualTo(item.getCurrentPeriodEnd());

    List<InvoicePayment> payments = stripe.v1().invoicePayments().list(
        InvoicePaymentListParams.builder().setInvoice(invoice.getId()).build()).getData();
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).getStatus()).isEqualTo("paid");
    assertThat(payments.get(0).getPayment().getType()).isEqualTo("payment_intent");
    String intent = payments.get(0).getPayment().getPaymentIntent();
    assertThat(stripe.v1().paymentIntents().retrieve(intent).getStatus()).isEqualTo("succeeded");

    assertThat(eventTypes()).containsSubsequence("customer.created", "payment_method.attached",
        "customer.subscription.created", "invoice.created", "invoice.finalized", "payment_intent.created",
        "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid", "invoice.paid",
        "invoice.payment_succeeded", "customer.subscription.updated", "checkout.session.completed");
    Event updated = stripe.v1().events().list(EventListParams.builder().setType("customer.subscription.updated")
        .build()).getData().get(0);
    assertThat(((Subscription) updated.getDataObjectDeserializer().getObject().orElseThrow()).getStatus())
        .isEqualTo("active");
    assertThat(updated.getData().getPreviousAttributes()).containsEntry("status", "incomplete");
  }

  @Test
  void renewsWhenTheClockPassesThePeriodEnd() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    long firstEnd = sub.getItems().getData().get(0).getCurrentPeriodEnd();
    advance(firstEnd - sub.getCreated() + 60);

    Subscription renewed = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(renewed.getStatus()).isEqualTo("active");
    assertThat(renewed.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(firstEnd);
    List<Invoice> invoices = stripe.v1().invoices().list(InvoiceListParams.builder()
        .setSubscription(sub.getId()).build()).getData();
    assertThat(invoices).hasSize(2);
    Invoice cycle = invoices.get(0);
    assertThat(cycle.getBillingReason()).isEqualTo("subscription_cycle");
    assertThat(cycle.getStatus()).isEqualTo("paid");
    assertThat(cycle.getCreated()).isEqualTo(firstEnd);
    assertThat(renewed.getLatestInvoice()).isEqualTo(cycle.getId());
    // events older than 30 days (the first period's) are no longer listed, as at Stripe
    assertThat(eventTypes()).endsWith("invoice.created", "invoice.finalized", "customer.subscription.updated",
        "payment_intent.created", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid",
        "invoice.paid", "invoice.payment_succeeded");
  }

  @Test
  void failedRenewalGoesPastDueThenRecoversOnRetry() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    control("/_emulator/customers/" + sub.getCustomer() + "/fail_next_payments", "{\"count\": 1}");
    long firstEnd = sub.getItems().getData().get(0).getCurrentPeriodEnd();
    advance(firstEnd - sub.getCreated() + 60);

    assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("past_due");
    Invoice open = stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(sub.getId())
        .setStatus(InvoiceListParams.Status.OPEN).build()).getData().get(0);
    assertThat(open.getAttemptCount()).isEqualTo(1L);
    assertThat(open.getNextPaymentAttempt()).isEqualTo(firstEnd + 3 * DAY);
    assertThat(eventTypes()).containsSubsequence("charge.failed", "payment_intent.payment_failed",
        "invoice.payment_failed", "customer.subscription.updated");

    advance(3 * DAY);
    assertThat(stripe.v1().invoices().retrieve(open.getId()).getStatus()).isEqualTo("paid");
    assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("active");
    assertThat(stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder().setInvoice(open.getId())
        .build()).getData()).hasSize(1);
  }

  @Test
  void exhaustedRetriesCancelTheSubscription() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    control("/_emulator/customers/" + sub.getCustomer() + "/fail_next_payments", "{\"count\": 10}");
    long firstEnd = sub.getItems().getData().get(0).getCurrentPeriodEnd();
    advance(firstEnd - sub.getCreated() + 16 * DAY);
    Subscription canceled = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getCancellationDetails().getReason()).isEqualTo("payment_failed");
    assertThat(eventTypes()).endsWith("invoice.payment_failed", "customer.subscription.deleted");
    assertThat(stripe.v1().subscriptions().list().getData()).isEmpty();
    assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder()
        .setStatus(SubscriptionListParams.Status.ALL).build()).getData()).hasSize(1);
  }

  @Test
  void payingAnOpenInvoiceOnRequestAnswers402WhenDeclined() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    control("/_emulator/customers/" + sub.getCustomer() + "/fail_next_payments", "{\"count\": 2}");
    advance(sub.getItems().getData().get(0).getCurrentPeriodEnd() - sub.getCreated() + 60);
    Invoice open = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(sub.getId()).getLatestInvoice());
    CardException declined = (CardException) catchThrowable(() -> stripe.v1().invoices().pay(open.getId()));
    assertThat(declined.getStatusCode()).isEqualTo(402);
    assertThat(declined.getCode()).isEqualTo("card_declined");
    assertThat(declined.getDeclineCode()).isEqualTo("generic_decline");
    Invoice paid = stripe.v1().invoices().pay(open.getId());
    assertThat(paid.getStatus()).isEqualTo("paid");
    assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("active");
  }

  @Test
  void cancelAtPeriodEndAndImmediateCancel() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    long end = sub.getItems().getData().get(0).getCurrentPeriodEnd();
    Subscription scheduled = stripe.v1().subscriptions().update(sub.getId(), SubscriptionUpdateParams.builder()
        .setCancelAtPeriodEnd(true).putMetadata("reason", "moving").build());
    assertThat(scheduled.getCancelAt()).isEqualTo(end);
    assertThat(scheduled.getStatus()).isEqualTo("active");
    Event update = stripe.v1().events().list(EventListParams.builder()
        .setType("customer.subscription.updated").build()).getData().get(0);
    assertThat(update.getData().getPreviousAttributes()).containsEntry("cancel_at_period_end", false);

    advance(end - sub.getCreated() + 60);
    Subscription ended = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(ended.getStatus()).isEqualTo("canceled");
    assertThat(ended.getEndedAt()).isEqualTo(end);
    assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(sub.getId()).build())
        .getData()).hasSize(1);

    Subscription other = subscribe(monthlyPrice(900));
    Subscription canceledNow = stripe.v1().subscriptions().cancel(other.getId(),
        SubscriptionCancelParams.builder().build());
    assertThat(canceledNow.getStatus()).isEqualTo("canceled");
    assertThat(eventTypes()).endsWith("customer.subscription.deleted");
  }

  @Test
  void itemPriceChangeWithoutProration() throws Exception {
    Subscription sub = subscribe(monthlyPrice(2000));
    Price gold = monthlyPrice(5000);
    SubscriptionItem item = sub.getItems().getData().get(0);
    Throwable prorating = catchThrowable(() -> stripe.v1().subscriptions().update(sub.getId(),
        SubscriptionUpdateParams.builder().addItem(SubscriptionUpdateParams.Item.builder().setId(item.getId())
            .setPrice(gold.getId()).build()).build()));
    assertThat(prorating).hasMessageContaining("prorations");
    Subscription switched = stripe.v1().subscriptions().update(sub.getId(), SubscriptionUpdateParams.builder()
        .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
        .addItem(SubscriptionUpdateParams.Item.builder().setId(item.getId()).setPrice(gold.getId()).build())
        .build());
    assertThat(switched.getItems().getData().get(0).getPrice().getId()).isEqualTo(gold.getId());
    advance(item.getCurrentPeriodEnd() - sub.getCreated() + 60);
    Invoice next = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(sub.getId())
        .getLatestInvoice());
    assertThat(next.getAmountPaid()).isEqualTo(5000L);
  }
}
