package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.events.EventJson;

class DemoViewsTest {

    @Test
    void moneyUsesTheCurrencysDecimals() {
        assertThat(DemoViews.money(2900, "eur")).isEqualTo("29.00 EUR");
        assertThat(DemoViews.money(-114, "EUR")).isEqualTo("-1.14 EUR");
        assertThat(DemoViews.money(1200, "jpy")).isEqualTo("1200 JPY");
        assertThat(DemoViews.money(5, "xyz")).isEqualTo("0.05 XYZ");
    }

    @Test
    void findsTheLedgerTransactionsOfOneCharge() {
        JsonNode page = EventJson.tree("""
                {"transactions": [
                  {"id": 7, "kind": "charge", "sourceId": "ch_other", "stripeBalanceTransactionId": "txn_other"},
                  {"id": 8, "kind": "charge", "sourceId": "ch_1", "stripeBalanceTransactionId": "txn_1"},
                  {"id": 9, "kind": "plan_fee", "sourceId": "ch_1/evt_2"},
                  {"id": 10, "kind": "adjustment", "sourceId": "x", "stripeBalanceTransactionId": "txn_1"},
                  {"id": 11, "kind": "charge", "sourceId": "ch_10"}
                ], "nextCursor": null}
                """);

        assertThat(DemoViews.ledgerTransactionsOf(page, "ch_1", "txn_1")).extracting(t -> t.path("id").asInt())
                .containsExactly(8, 9, 10);
        assertThat(DemoViews.ledgerTransactionsOf(page, "ch_1", null)).extracting(t -> t.path("id").asInt())
                .containsExactly(8, 9);
        assertThat(DemoViews.ledgerTransactionsOf(EventJson.tree("{}"), "ch_1", "txn_1")).isEmpty();
    }

    @Test
    void printsATransactionsEntriesAndWhetherTheyBalance() {
        JsonNode transaction = EventJson.tree("""
                {"id": 8, "kind": "charge", "sourceId": "ch_1", "occurredAt": "2026-11-21T06:00:00Z",
                 "description": "Gold", "entries": [
                   {"account": "stripe_clearing:EUR", "currency": "EUR", "amount": 2786, "side": "debit"},
                   {"account": "stripe_fees:EUR", "currency": "EUR", "amount": 114, "side": "debit"},
                   {"account": "seller_payable_pending:sel_1:EUR", "currency": "EUR", "amount": -2610, "side": "credit"},
                   {"account": "platform_commission:EUR", "currency": "EUR", "amount": -290, "side": "credit"}
                 ]}
                """);

        List<String> lines = DemoViews.ledgerTransaction(transaction);

        assertThat(lines.get(0)).isEqualTo("#8 charge of ch_1 at 2026-11-21T06:00:00Z: Gold");
        assertThat(lines.get(1)).startsWith("  debit   stripe_clearing:EUR").endsWith("27.86 EUR");
        assertThat(lines.get(3)).startsWith("  credit  seller_payable_pending:sel_1:EUR").endsWith(" 26.10 EUR");
        assertThat(lines.get(5)).isEqualTo("  balanced (debits = credits)");

        JsonNode unbalanced = EventJson.tree("""
                {"id": 9, "kind": "manual", "sourceId": "m", "entries": [{"account": "a", "currency": "EUR", "amount": 1}]}
                """);
        assertThat(DemoViews.ledgerTransaction(unbalanced)).last().asString().contains("NOT balanced");
    }

    @Test
    void picksTheNewestReceiptAndTheTiersMembership() {
        JsonNode inbox = EventJson.tree("""
                [{"id": 3, "template": "membership_activated", "status": "SENT"},
                 {"id": 2, "template": "receipt", "status": "SENT", "subject": "Your receipt"},
                 {"id": 1, "template": "receipt", "status": "SENT", "subject": "older"}]
                """);
        assertThat(DemoViews.receipt(inbox)).get().extracting(r -> r.path("id").asInt()).isEqualTo(2);
        assertThat(DemoViews.receipt(EventJson.tree("[]"))).isEmpty();

        JsonNode memberships = EventJson.tree("""
                [{"id": "mem_1", "offeringId": "off_silver"}, {"id": "mem_2", "offeringId": "off_gold"}]
                """);
        assertThat(DemoViews.membershipOf(memberships, "off_gold")).get().extracting(m -> m.path("id").asText())
                .isEqualTo("mem_2");
        assertThat(DemoViews.membershipOf(memberships, "off_bronze")).isEmpty();
    }

    @Test
    void printsTheHistoryOneTransitionALine() {
        JsonNode membership = EventJson.tree("""
                {"history": [
                  {"seq": 1, "from": null, "to": "pending", "reason": "checkout", "causeEventId": "evt_1",
                   "effectiveAt": "2026-11-21T06:00:00Z"},
                  {"seq": 2, "from": "pending", "to": "active", "reason": null, "causeEventId": "evt_2",
                   "effectiveAt": "2026-11-21T06:00:01Z"}]}
                """);

        assertThat(DemoViews.history(membership)).containsExactly(
                "1. (new) -> pending (checkout) at 2026-11-21T06:00:00Z, event evt_1",
                "2. pending -> active at 2026-11-21T06:00:01Z, event evt_2");
        assertThat(DemoViews.text(membership, "missing")).isEqualTo("-");
        assertThat(DemoViews.epochSeconds(EventJson.tree("1795392000"))).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(DemoViews.epochSeconds(membership.path("missing"))).isEqualTo("-");
    }
}
