package dev.tessera.ledger.posting;

import static java.time.temporal.ChronoUnit.DAYS;
import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.Topics;
import dev.tessera.events.ledger.LedgerEventTypes;
import dev.tessera.events.ledger.SellerBalanceChanged;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.events.membership.SellerPlanChanged;
import dev.tessera.ledger.LedgerDb;
import dev.tessera.ledger.StripeWorld;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The whole money story through Kafka, as Stripe tells it: sales in two currencies (one presented in EUR and
 * settled in USD), a partial refund arriving before its charge, a lost and a won dispute, a subscription invoice,
 * a transfer, sellers on different commission plans. Every transaction balances, every seller's balances equal
 * the hand-computed amounts to the cent, and replaying every event (same ids, then new ids) changes nothing.
 */
@QuarkusTest
class LedgerScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Test
    void paymentsRefundsDisputesAndATransferAddUpToTheCentAndReplaysChangeNothing() {
        StripeWorld w = new StripeWorld();
        String a = w.id("sel_a");
        String b = w.id("sel_b");
        Instant t0 = Instant.now().minus(2, DAYS).truncatedTo(SECONDS);
        Instant released = t0.plus(1, HOURS);
        Instant later = Instant.now().plus(30, DAYS);

        // seller A pays for a 5% plan, effective before its sales; seller B stays on the default 10%
        w.sendDomain(Topics.MEMBERSHIP_EVENTS, DomainEvent.of(MembershipEventTypes.SELLER_PLAN_CHANGED, 1,
                "membership-service", a, "evt_plan_" + a,
                new SellerPlanChanged(a, "pro", 500, t0.minus(1, DAYS), "mbr_" + a)));
        await().atMost(WAIT).until(() -> LedgerDb.count(dataSource,
                "select count(*) from seller_plan_change where seller_id = ?", a) == 1);

        // A1: 100.00 EUR ticket, fee 3.20 -> commission 5.00, seller 95.00
        ObjectNode chA1 = sale(w, "ch_a1", 10_000, 320, "EUR", null, "EUR", null, a, StripeMetadata.KIND_EVENT_TICKET,
                t0, released);
        w.send(w.event("charge.succeeded", chA1, t0));

        // A2: 50.00 EUR, refunded 20.00 -- the refund arrives before the charge's own event
        ObjectNode chA2 = sale(w, "ch_a2", 5_000, 175, "EUR", null, "EUR", null, a, StripeMetadata.KIND_COURSE,
                t0, released);
        ObjectNode reA2 = w.refund(w.id("re_a2"), w.id("ch_a2"), 2_000, "EUR", w.id("txn_re_a2"), t0.plus(1, HOURS));
        w.stubObject("balance_transactions", w.balanceTransaction(w.id("txn_re_a2"), -2_000, 0, "EUR",
                w.id("re_a2"), "refund", t0.plus(1, HOURS), t0.plus(1, HOURS), null));
        w.send(w.event("refund.created", reA2, t0.plus(1, HOURS)));
        w.send(w.event("charge.succeeded", chA2, t0));
        ObjectNode chA2Refunded = chA2.deepCopy().put("amount_refunded", 2_000);
        chA2Refunded.with("refunds").withArray("data").add(reA2);
        w.send(w.event("charge.refunded", chA2Refunded, t0.plus(1, HOURS)));

        // A3: 30.00 EUR, disputed and lost (15.00 dispute fee)
        ObjectNode chA3 = sale(w, "ch_a3", 3_000, 117, "EUR", null, "EUR", null, a, StripeMetadata.KIND_EVENT_TICKET,
                t0, released);
        w.send(w.event("charge.succeeded", chA3, t0));
        ObjectNode withdrawnA3 = w.balanceTransaction(w.id("txn_dp_a3_w"), -3_000, 1_500, "EUR", w.id("dp_a3"),
                "adjustment", t0.plus(2, HOURS), t0.plus(2, HOURS), null);
        w.send(w.event("charge.dispute.created", w.dispute(w.id("dp_a3"), w.id("ch_a3"), 3_000, "EUR",
                "needs_response", List.of(withdrawnA3)), t0.plus(2, HOURS)));
        w.send(w.event("charge.dispute.closed", w.dispute(w.id("dp_a3"), w.id("ch_a3"), 3_000, "EUR", "lost",
                List.of(withdrawnA3)), t0.plus(3, HOURS)));

        // 50.00 EUR transferred to seller A
        w.send(w.event("transfer.created", w.transfer(w.id("tr_a"), 5_000, "EUR", a, t0.plus(4, HOURS)),
                t0.plus(4, HOURS)));

        // B1: 200.00 USD, disputed and won (fee returned)
        ObjectNode chB1 = sale(w, "ch_b1", 20_000, 610, "USD", null, "USD", null, b, StripeMetadata.KIND_SERVICE,
                t0, released);
        w.send(w.event("charge.succeeded", chB1, t0));
        ObjectNode withdrawnB1 = w.balanceTransaction(w.id("txn_dp_b1_w"), -20_000, 1_500, "USD", w.id("dp_b1"),
                "adjustment", t0.plus(2, HOURS), t0.plus(2, HOURS), null);
        ObjectNode reinstatedB1 = w.balanceTransaction(w.id("txn_dp_b1_r"), 20_000, -1_500, "USD", w.id("dp_b1"),
                "adjustment", t0.plus(5, HOURS), t0.plus(5, HOURS), null);
        w.send(w.event("charge.dispute.created", w.dispute(w.id("dp_b1"), w.id("ch_b1"), 20_000, "USD",
                "needs_response", List.of(withdrawnB1)), t0.plus(2, HOURS)));
        w.send(w.event("charge.dispute.closed", w.dispute(w.id("dp_b1"), w.id("ch_b1"), 20_000, "USD", "won",
                List.of(withdrawnB1, reinstatedB1)), t0.plus(5, HOURS)));

        // B2: the buyer pays 90.00 EUR, settled as 99.00 USD (rate 1.1), funds available only in 30 days;
        // 45.00 EUR refunded later at rate 1.2 (54.00 USD): the 4.50 USD difference is an FX loss
        ObjectNode chB2 = sale(w, "ch_b2", 9_000, 317, "EUR", 9_900L, "USD", new BigDecimal("1.1"), b,
                StripeMetadata.KIND_COURSE, t0, later);
        w.send(w.event("charge.succeeded", chB2, t0));
        w.stubObject("balance_transactions", w.balanceTransaction(w.id("txn_re_b2"), -5_400, 0, "USD",
                w.id("re_b2"), "refund", t0.plus(6, HOURS), t0.plus(6, HOURS), new BigDecimal("1.2")));
        w.send(w.event("refund.created", w.refund(w.id("re_b2"), w.id("ch_b2"), 4_500, "EUR", w.id("txn_re_b2"),
                t0.plus(6, HOURS)), t0.plus(6, HOURS)));

        // B3: a membership renewal: the invoice names no charge; invoice_payment -> payment intent -> charge
        ObjectNode chB3 = w.charge(w.id("ch_b3"), 2_500, "USD", w.id("txn_b3"), t0, Map.of());
        w.stubObject("charges", chB3);
        w.stubObject("balance_transactions", w.balanceTransaction(w.id("txn_b3"), 2_500, 103, "USD", w.id("ch_b3"),
                "charge", t0, released, null));
        w.stubObject("payment_intents", EventJson.mapper().createObjectNode().put("id", w.id("pi_b3"))
                .put("object", "payment_intent").put("latest_charge", w.id("ch_b3")).put("status", "succeeded"));
        w.stubInvoicePayment(w.id("in_b3"), w.id("pi_b3"), 2_500, "USD");
        ObjectNode invoice = StripeEventFixtures.object("invoice");
        invoice.put("id", w.id("in_b3")).put("amount_paid", 2_500).put("amount_due", 2_500).put("currency", "usd")
                .put("status", "paid").put("created", t0.getEpochSecond());
        ObjectNode details = invoice.putObject("parent").put("type", "subscription_details")
                .putObject("subscription_details");
        details.put("subscription", w.id("sub_b3"));
        StripeWorld.saleMetadata(b, StripeMetadata.KIND_MEMBERSHIP_TIER, "usr_3")
                .forEach(details.putObject("metadata")::put);
        w.send(w.event("charge.succeeded", chB3, t0)); // no metadata of its own: left to the invoice
        w.send(w.event("invoice.paid", invoice, t0));

        // seller A: 95.00 + 47.50 + 28.50 - 19.00 (refund) - 28.50 (lost dispute) = 123.50, of which 50.00 paid
        // seller B: 180.00 + 89.10 + 22.50 - 44.55 (refund) = 247.05, 89.10 still pending
        awaitBalances(a, "EUR", 0, 7_350, 5_000);
        awaitBalances(b, "USD", 8_910, 15_795, 0);

        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
        assertThat(LedgerDb.summaryDrift(dataSource)).isEmpty();
        assertThat(LedgerDb.earningsDrift(dataSource)).isEmpty();
        assertThat(LedgerDb.balance(dataSource, "seller_payable_available", a, "EUR")).isEqualTo(7_350);
        assertThat(LedgerDb.balance(dataSource, "seller_paid_out", a, "EUR")).isEqualTo(5_000);
        assertThat(LedgerDb.balance(dataSource, "seller_payable_pending", b, "USD")).isEqualTo(8_910);
        assertThat(LedgerDb.balance(dataSource, "seller_payable_available", b, "USD")).isEqualTo(15_795);
        assertThat(entry(w.id("re_b2"), "refund", "fx_gain_loss")).isEqualTo(450);
        assertThat(entry(w.id("re_b2"), "refund", "refunds")).isEqualTo(495);
        assertThat(entry(w.id("re_a2"), "refund", "refunds")).isEqualTo(100);
        assertThat(entry(w.id("dp_a3"), "dispute_loss", "chargebacks")).isEqualTo(150);
        assertThat(entry(w.id("txn_dp_a3_w"), "dispute_withdrawal", "dispute_fees")).isEqualTo(1_500);
        assertThat(entry(w.id("txn_dp_b1_r"), "dispute_reinstatement", "dispute_fees")).isEqualTo(-1_500);
        assertThat(entry(w.id("ch_b2"), "charge", "stripe_balance")).isEqualTo(9_583);
        assertThat(LedgerDb.rows(dataSource, "select presentment_amount, presentment_currency, exchange_rate "
                + "from journal_transaction where source_id = ? and kind = 'charge'", w.id("ch_b2")).get(0))
                .containsEntry("presentment_amount", 9_000L).containsEntry("presentment_currency", "EUR");
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id = ? "
                + "and kind = 'charge'", w.id("ch_b3"))).isEqualTo(1);
        // the seller's earnings summary agrees with its payables
        assertThat(LedgerDb.longValue(dataSource, "select sum(net) from seller_earnings_daily where seller_id = ?", a))
                .isEqualTo(12_350);
        assertThat(LedgerDb.longValue(dataSource, "select sum(net) from seller_earnings_daily where seller_id = ?", b))
                .isEqualTo(24_705);
        assertThat(LedgerDb.longValue(dataSource, "select sum(commission) from seller_earnings_daily where seller_id = ?",
                a)).isEqualTo(500 + 150 + 0); // 5.00 + (2.50 - 1.00) + (1.50 - 1.50)
        // payout-service's view: the latest seller.balance.changed of A
        SellerBalanceChanged latest = latestBalanceEvent(a, "EUR");
        assertThat(latest.available()).isEqualTo(7_350);
        assertThat(latest.paidOut()).isEqualTo(5_000);

        Snapshot before = snapshot(w);
        // replay: the same events again, then the same Stripe objects under new event ids
        List<String> events = w.sent();
        events.forEach(json -> w.send((ObjectNode) EventJson.tree(json)));
        List<String> fresh = new ArrayList<>();
        for (String json : events) {
            ObjectNode event = (ObjectNode) EventJson.tree(json);
            event.put("id", "evt_replay_" + UUID.randomUUID().toString().replace("-", ""));
            fresh.add(w.send(event));
        }
        await().atMost(WAIT).until(() -> LedgerDb.count(dataSource, "select count(*) from inbox_message "
                + "where message_id = any(?)", (Object) fresh.toArray(new String[0])) == fresh.size());
        assertThat(snapshot(w)).isEqualTo(before);
        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
    }

    @Test
    void aPlanChangeThatArrivesAfterTheSalesItGovernsAdjustsTheirCommission() {
        StripeWorld w = new StripeWorld();
        String c = w.id("sel_c");
        Instant t0 = Instant.now().minus(1, DAYS).truncatedTo(SECONDS);
        ObjectNode charge = sale(w, "ch_c1", 10_000, 320, "EUR", null, "EUR", null, c, StripeMetadata.KIND_COURSE, t0,
                t0.plus(1, HOURS));
        w.send(w.event("charge.succeeded", charge, t0));
        awaitBalances(c, "EUR", 0, 9_000, 0); // the default 10%

        DomainEvent plan = DomainEvent.of(MembershipEventTypes.SELLER_PLAN_CHANGED, 1, "membership-service", c,
                "evt_plan_" + c, new SellerPlanChanged(c, "premium", 500, t0.minus(1, HOURS), "mbr_" + c));
        w.sendDomain(Topics.MEMBERSHIP_EVENTS, plan);
        awaitBalances(c, "EUR", 0, 9_500, 0);
        w.sendDomain(Topics.MEMBERSHIP_EVENTS, plan);
        w.send(w.event("charge.succeeded", charge, t0));

        assertThat(LedgerDb.longValue(dataSource, "select sum(commission) from seller_earnings_daily where seller_id = ?",
                c)).isEqualTo(500);
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where seller_id = ? "
                + "and kind = 'commission_adjustment'", c)).isEqualTo(1);
        assertThat(LedgerDb.longValue(dataSource, "select commission_bps from ledger_charge where charge_id = ?",
                w.id("ch_c1"))).isEqualTo(500);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheConsumerKeepsGoing() throws Exception {
        StripeWorld w = new StripeWorld();
        String d = w.id("sel_d");
        Instant t0 = Instant.now().minus(1, DAYS).truncatedTo(SECONDS);
        ObjectNode poison = w.event("charge.succeeded", EventJson.mapper().createObjectNode().put("object", "charge")
                .put("id", w.id("ch_poison")).put("status", "succeeded").put("balance_transaction", "txn_x")
                .put("created", t0.getEpochSecond()).put("payment_intent", "pi_" + w.id("ch_d1")), t0);
        poison.with("data").with("object").putObject("metadata").put(StripeMetadata.SELLER_ID, d);
        String poisonId = w.send(poison); // no amount and no such balance transaction at Stripe
        ObjectNode charge = sale(w, "ch_d1", 1_000, 59, "EUR", null, "EUR", null, d, StripeMetadata.KIND_COURSE, t0,
                t0.plus(1, HOURS));
        w.send(w.event("charge.succeeded", charge, t0));

        awaitBalances(d, "EUR", 0, 900, 0);
        await().atMost(WAIT).until(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                        Topics.dlq(Topics.STRIPE_PAYMENTS), Duration.ofMillis(300)).stream()
                .anyMatch(r -> poisonId.equals(r.headers().get("stripe-event-id"))));
    }

    /** A sale: the charge and its balance transaction stubbed at Stripe. */
    private static ObjectNode sale(StripeWorld w, String chargeName, long amount, long fee, String currency,
                                   Long settledAmount, String settlementCurrency, BigDecimal rate, String seller,
                                   String kind, Instant created, Instant availableOn) {
        String chargeId = w.id(chargeName);
        String txnId = w.id("txn_" + chargeName);
        ObjectNode charge = w.charge(chargeId, amount, currency, txnId, created,
                StripeWorld.saleMetadata(seller, kind, "usr_" + chargeName));
        w.stubObject("charges", charge);
        w.stubObject("balance_transactions", w.balanceTransaction(txnId, settledAmount == null ? amount : settledAmount,
                fee, settlementCurrency, chargeId, "charge", created, availableOn, rate));
        return charge;
    }

    private void awaitBalances(String seller, String currency, long pending, long available, long paidOut) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, Object>> rows = LedgerDb.rows(dataSource, "select pending, available, paid_out "
                    + "from seller_balance where seller_id = ? and currency = ?", seller, currency);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("pending", pending).containsEntry("available", available)
                    .containsEntry("paid_out", paidOut);
        });
    }

    private long entry(String sourceId, String kind, String accountType) {
        return LedgerDb.longValue(dataSource, "select sum(e.amount) from journal_entry e join journal_transaction t "
                + "on t.id = e.transaction_id join ledger_account a on a.id = e.account_id "
                + "where t.source_id = ? and t.kind = ? and a.type = ?", sourceId, kind, accountType);
    }

    private SellerBalanceChanged latestBalanceEvent(String seller, String currency) {
        return await().atMost(WAIT).until(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                                Topics.LEDGER_EVENTS, Duration.ofMillis(300)).stream()
                        .map(r -> DomainEvent.fromJson(r.value()))
                        .filter(e -> LedgerEventTypes.SELLER_BALANCE_CHANGED.equals(e.type()) && seller.equals(e.subject()))
                        .map(e -> e.dataAs(SellerBalanceChanged.class))
                        .filter(e -> currency.equals(e.currency()))
                        .max(java.util.Comparator.comparingLong(SellerBalanceChanged::version))
                        .orElse(null),
                e -> e != null && e.version() == LedgerDb.longValue(dataSource,
                        "select version from seller_balance where seller_id = ? and currency = ?", seller, currency));
    }

    private record Snapshot(long transactions, long entries, List<Map<String, Object>> balances) {
    }

    private Snapshot snapshot(StripeWorld w) {
        String like = "%" + w.id("") + "%";
        return new Snapshot(
                LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id like ?", like),
                LedgerDb.count(dataSource, "select count(*) from journal_entry e join journal_transaction t "
                        + "on t.id = e.transaction_id where t.source_id like ?", like),
                LedgerDb.rows(dataSource, "select seller_id, currency, pending, available, paid_out, version "
                        + "from seller_balance where seller_id like ? order by seller_id, currency", like));
    }
}
