package dev.tessera.notification.api;

import dev.tessera.notification.NotificationConfig;
import dev.tessera.notification.api.Views.MessageView;
import dev.tessera.notification.domain.Notifier;
import dev.tessera.notification.persistence.DeliveryRepository;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The local suite's inbox: the newest messages of the delivery log with their content, whether the mailer
 * really sent them or only mocked it. Open without a token when {@code tessera.notification.dev-inbox.open} is true
 * (dev mode, local suite); otherwise for operators only.
 */
@Path("/dev/inbox")
@Produces(MediaType.APPLICATION_JSON)
public class DevInboxResource {

    private final Caller caller;
    private final DeliveryRepository deliveries;
    private final NotificationConfig config;

    DevInboxResource(Caller caller, DeliveryRepository deliveries, NotificationConfig config) {
        this.caller = caller;
        this.deliveries = deliveries;
        this.config = config;
    }

    @GET
    public List<MessageView> inbox(@QueryParam("to") String to, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (!config.devInbox().open()) {
            caller.requireAuthenticated();
            if (!caller.hasRole(Roles.OPS)) {
                throw ProblemException.forbidden("The inbox is for operators.");
            }
        }
        if (limit < 1 || limit > Paging.MAX_SIZE) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + Paging.MAX_SIZE);
        }
        String email = null;
        if (to != null && !to.isBlank()) {
            email = Notifier.normaliseEmail(to)
                    .orElseThrow(() -> ProblemException.invalidField("to", "must be an e-mail address"));
        }
        return deliveries.newest(email, limit).stream().map(MessageView::of).toList();
    }
}
