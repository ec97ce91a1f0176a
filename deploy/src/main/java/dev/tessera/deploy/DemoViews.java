package dev.tessera.deploy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@link Demo} reads out of the services' JSON answers and how it prints it: pure functions over
 * {@link JsonNode}s, field by field and lenient about fields that are missing (the services, ledger-service above
 * all, are still growing), so they are unit-tested on their own.
 */
final class DemoViews {

    private DemoViews() {
    }

    /** {@code 2900, "eur"} as {@code 29.00 EUR}, with the currency's own number of decimals ({@code 1200 JPY}). */
    static String money(long minorUnits, String currency) {
        String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
        int decimals;
        try {
            decimals = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            decimals = 2;
        }
        return BigDecimal.valueOf(minorUnits, decimals).toPlainString() + " " + code;
    }

    /** The caller's membership of {@code offeringId} in a {@code GET /me/memberships} answer, if it is listed. */
    static Optional<JsonNode> membershipOf(JsonNode memberships, String offeringId) {
        for (JsonNode membership : memberships) {
            if (offeringId.equals(membership.path("offeringId").asText())) {
                return Optional.of(membership);
            }
        }
        return Optional.empty();
    }

    /**
     * The journal transactions of one Stripe charge in a {@code GET /reports/sellers/{id}/transactions} page of
     * ledger-service: those whose {@code sourceId} is the charge (or derived from it, {@code <charge>/<event>}), or
     * whose Stripe balance transaction is the charge's.
     */
    static List<JsonNode> ledgerTransactionsOf(JsonNode page, String chargeId, String balanceTransactionId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode transaction : page.path("transactions")) {
            String source = transaction.path("sourceId").asText("");
            String balanceTransaction = transaction.path("stripeBalanceTransactionId").asText("");
            if (source.equals(chargeId) || source.startsWith(chargeId + "/")
                    || balanceTransactionId != null && balanceTransactionId.equals(balanceTransaction)) {
                found.add(transaction);
            }
        }
        return found;
    }

    /**
     * One journal transaction as lines: a heading (id, kind, source, time, description), one line per entry (side,
     * account, amount; the API signs credits negative, printed here as the side) and whether its entries balance per
     * currency.
     */
    static List<String> ledgerTransaction(JsonNode transaction) {
        List<String> lines = new ArrayList<>();
        StringBuilder heading = new StringBuilder("#" + transaction.path("id").asText("?") + " "
                + transaction.path("kind").asText("?") + " of " + transaction.path("sourceId").asText("?"));
        if (!transaction.path("occurredAt").isMissingNode() && !transaction.path("occurredAt").isNull()) {
            heading.append(" at ").append(transaction.path("occurredAt").asText());
        }
        String description = transaction.path("description").asText("");
        if (!description.isBlank()) {
            heading.append(": ").append(description);
        }
        lines.add(heading.toString());
        int width = 0;
        for (JsonNode entry : transaction.path("entries")) {
            width = Math.max(width, entry.path("account").asText("?").length());
        }
        Map<String, Long> sums = new TreeMap<>();
        for (JsonNode entry : transaction.path("entries")) {
            long amount = entry.path("amount").asLong();
            String currency = entry.path("currency").asText("?");
            sums.merge(currency, amount, Long::sum);
            String side = entry.path("side").asText(amount >= 0 ? "debit" : "credit");
            lines.add(String.format("  %-6s  %-" + Math.max(width, 1) + "s  %14s", side, entry.path("account").asText("?"),
                    money(Math.abs(amount), currency)));
        }
        boolean balanced = sums.values().stream().allMatch(sum -> sum == 0);
        lines.add("  " + (balanced ? "balanced (debits = credits)" : "NOT balanced: " + sums));
        return lines;
    }

    /** The newest {@code receipt} in a {@code GET /dev/inbox} answer (newest first), if there is one. */
    static Optional<JsonNode> receipt(JsonNode inbox) {
        for (JsonNode message : inbox) {
            if ("receipt".equals(message.path("template").asText())) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** A membership's transition history ({@code GET /memberships/{id}}), one line per transition. */
    static List<String> history(JsonNode membership) {
        List<String> lines = new ArrayList<>();
        for (JsonNode transition : membership.path("history")) {
            String from = transition.path("from").isNull() || transition.path("from").isMissingNode() ? "(new)"
                    : transition.path("from").asText();
            String reason = transition.path("reason").asText("");
            lines.add(transition.path("seq").asText("?") + ". " + from + " -> " + transition.path("to").asText("?")
                    + (reason.isBlank() ? "" : " (" + reason + ")") + " at " + transition.path("effectiveAt").asText("?")
                    + ", event " + transition.path("causeEventId").asText("?"));
        }
        return lines;
    }

    /** A Stripe timestamp (Unix seconds) as an ISO instant, or {@code -}. */
    static String epochSeconds(JsonNode seconds) {
        return seconds.isIntegralNumber()
                ? Instant.ofEpochSecond(seconds.asLong()).toString() : "-";
    }

    /** A JSON text field, or {@code -} when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
