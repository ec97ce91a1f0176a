package dev.tessera.notification.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies. Locales are BCP 47 language tags ({@code en}, {@code de}, {@code pt-BR}). */
public final class Requests {

    static final String LOCALE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}";

    private Requests() {
    }

    /** {@code PUT /me/preferences}. Transactional messages (receipts, failures, refunds, claims) are always sent. */
    public record PreferenceRequest(
            @NotNull Boolean optOutNonTransactional,
            @Pattern(regexp = LOCALE, message = "must be a language tag such as en or pt-BR") String locale) {
    }

    /** {@code PUT /sellers/{sellerId}/contact}. */
    public record SellerContactRequest(
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 200) String displayName,
            @Pattern(regexp = LOCALE, message = "must be a language tag such as en or pt-BR") String locale,
            @Pattern(regexp = "acct_[A-Za-z0-9]+", message = "must be a Stripe account id (acct_...)")
            String stripeAccountId) {
    }
}
