package dev.tessera.notification.api;

import dev.tessera.notification.api.Views.MyNotification;
import dev.tessera.notification.api.Views.PageView;
import dev.tessera.notification.api.Views.PreferenceView;
import dev.tessera.notification.domain.Formats;
import dev.tessera.notification.domain.Notifier;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.notification.persistence.DeliveryRepository;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.error.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The caller's own notifications and preferences. A notification is the caller's when it was addressed to their
 * user id ({@code sub}) or to the e-mail address in their token.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final Caller caller;
    private final DeliveryRepository deliveries;
    private final ContactRepository contacts;

    MeResource(Caller caller, DeliveryRepository deliveries, ContactRepository contacts) {
        this.caller = caller;
        this.deliveries = deliveries;
        this.contacts = contacts;
    }

    @GET
    @Path("/notifications")
    public PageView<MyNotification> notifications(@QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("50") int size) {
        String userId = caller.userId();
        Paging.check(page, size);
        String email = caller.email().flatMap(Notifier::normaliseEmail).orElse(null);
        return new PageView<>(deliveries.forRecipient(userId, email, page, size).stream().map(MyNotification::of)
                .toList(), page, size, deliveries.countForRecipient(userId, email));
    }

    @GET
    @Path("/preferences")
    public PreferenceView preferences() {
        String userId = caller.userId();
        String email = caller.email().flatMap(Notifier::normaliseEmail).orElse(null);
        return contacts.preference(userId, email).map(PreferenceView::of)
                .orElseGet(() -> new PreferenceView(userId, email, false, null, null));
    }

    /** Opts the caller out of (or back into) non-transactional messages, and sets the language of their mail. */
    @PUT
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public PreferenceView updatePreferences(@Valid @NotNull Requests.PreferenceRequest request) {
        String userId = caller.userId();
        String email = caller.email().flatMap(Notifier::normaliseEmail).orElse(null);
        String locale = request.locale() == null ? null : Formats.normaliseLocale(request.locale())
                .orElseThrow(() -> ProblemException.invalidField("locale", "must be a language tag such as en or pt-BR"));
        if (email != null) {
            contacts.learnBuyer(userId, email, locale);
        }
        return PreferenceView.of(contacts.savePreference(userId, email, request.optOutNonTransactional(), locale));
    }
}
