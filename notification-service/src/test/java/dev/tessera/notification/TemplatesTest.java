package dev.tessera.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.notification.domain.Presenter;
import dev.tessera.notification.domain.Rendered;
import dev.tessera.notification.domain.Renderer;
import dev.tessera.notification.domain.Template;
import dev.tessera.runtime.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every template renders, with everything or with only what is always there, and locales fall back. */
@QuarkusTest
class TemplatesTest {

    @Inject
    Renderer renderer;

    @Test
    void everyTemplateRendersWithAFullModel() {
        for (Template template : Template.values()) {
            Rendered rendered = render(template, "en", full());
            assertThat(rendered.subject()).as(template.id()).isNotBlank().doesNotContain("{").doesNotContain("NOT_FOUND");
            assertThat(rendered.text()).as(template.id()).isNotBlank().doesNotContain("NOT_FOUND").doesNotContain("Subject:");
            assertThat(rendered.html()).as(template.id()).contains("<html>").contains("</html>").doesNotContain("NOT_FOUND");
        }
    }

    @Test
    void everyTemplateRendersWithOnlyTheValuesThatAreAlwaysThere() {
        Map<String, Object> minimal = new HashMap<>();
        minimal.put("amount", Money.of(100, "EUR"));
        minimal.put("claimUrl", "https://claim");
        minimal.put("reference", "ref");
        minimal.put("disputeId", "dp_1");
        minimal.put("paidAt", Instant.parse("2026-11-21T00:00:00Z"));
        minimal.put("refundedAt", Instant.parse("2026-11-21T00:00:00Z"));
        minimal.put("periodEnd", Instant.parse("2026-12-21T00:00:00Z"));
        for (Template template : Template.values()) {
            Rendered rendered = render(template, "en", minimal);
            assertThat(rendered.subject()).as(template.id()).isNotBlank();
            assertThat(rendered.text()).as(template.id()).doesNotContain("null");
        }
    }

    @Test
    void localesFallBackToTheLanguageThenToEnglish() {
        assertThat(renderer.resolveLocale(Template.RECEIPT, "de-AT")).isEqualTo("de");
        assertThat(renderer.resolveLocale(Template.RECEIPT, "de")).isEqualTo("de");
        assertThat(renderer.resolveLocale(Template.RECEIPT, "fr-FR")).isEqualTo("en");
        assertThat(renderer.resolveLocale(Template.PAYOUT_PAID, "de")).isEqualTo("en");
        assertThat(renderer.resolveLocale(Template.RECEIPT, null)).isEqualTo("en");
    }

    @Test
    void htmlEscapesValuesAndTextDoesNot() {
        Map<String, Object> model = full();
        model.put("itemName", "<script>alert(1)</script>");
        Rendered rendered = render(Template.RECEIPT, "en", model);
        assertThat(rendered.html()).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(rendered.text()).contains("<script>alert(1)</script>");
    }

    private Rendered render(Template template, String locale, Map<String, Object> model) {
        return renderer.render(template, locale, Presenter.present(model, Locale.forLanguageTag(locale), ZoneOffset.UTC));
    }

    private static Map<String, Object> full() {
        Map<String, Object> model = new HashMap<>();
        model.put("itemName", "Gold");
        model.put("groupName", "Runners");
        model.put("sellerName", "Ana");
        model.put("amount", Money.of(2900, "EUR"));
        model.put("paidAt", Instant.parse("2026-11-21T00:00:00Z"));
        model.put("failedAt", Instant.parse("2026-11-21T00:00:00Z"));
        model.put("refundedAt", Instant.parse("2026-11-21T00:00:00Z"));
        model.put("nextAttemptAt", Instant.parse("2026-11-24T00:00:00Z"));
        model.put("periodEnd", Instant.parse("2026-12-21T00:00:00Z"));
        model.put("accessUntil", Instant.parse("2026-12-21T00:00:00Z"));
        model.put("expiresAt", Instant.parse("2026-12-05T00:00:00Z"));
        model.put("arrivalDate", LocalDate.of(2026, 11, 23));
        model.put("evidenceDueBy", new Presenter.Deadline(Instant.parse("2026-12-01T23:59:59Z")));
        model.put("openedAt", Instant.parse("2026-11-21T00:00:00Z"));
        model.put("receiptUrl", "https://r");
        model.put("invoiceUrl", "https://i");
        model.put("invoicePdfUrl", "https://p");
        model.put("claimUrl", "https://c");
        model.put("renewal", true);
        model.put("reference", "INV-1");
        model.put("reason", "fraudulent");
        model.put("disputeId", "dp_1");
        model.put("chargeId", "ch_1");
        model.put("failureCode", "account_closed");
        model.put("failureMessage", "Closed");
        model.put("destinationLast4", "6789");
        return model;
    }
}
