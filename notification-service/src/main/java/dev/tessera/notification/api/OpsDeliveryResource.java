package dev.tessera.notification.api;

import dev.tessera.notification.api.Views.DeliveryView;
import dev.tessera.notification.api.Views.MessageView;
import dev.tessera.notification.api.Views.PageView;
import dev.tessera.notification.domain.DeliveryStatus;
import dev.tessera.notification.domain.NotificationErrorCode;
import dev.tessera.notification.persistence.Delivery;
import dev.tessera.notification.persistence.DeliveryRepository;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** The delivery log, for operators: list by status, look at one, redrive failed and dead ones. */
@Path("/ops/deliveries")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
public class OpsDeliveryResource {

    private final DeliveryRepository deliveries;
    private final EntityManager em;

    OpsDeliveryResource(DeliveryRepository deliveries, EntityManager em) {
        this.deliveries = deliveries;
        this.em = em;
    }

    @GET
    public PageView<DeliveryView> list(@QueryParam("status") String status,
                                       @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("50") int size) {
        String wanted = status(status);
        Paging.check(page, size);
        return new PageView<>(deliveries.page(wanted, page, size).stream().map(DeliveryView::of).toList(), page, size,
                deliveries.countWithStatus(wanted));
    }

    @GET
    @Path("/{id}")
    public MessageView get(@PathParam("id") long id) {
        return MessageView.of(find(id));
    }

    /** Makes a FAILED or DEAD delivery due now, with a fresh set of tries. */
    @POST
    @Path("/{id}/redrive")
    @Transactional
    public DeliveryView redrive(@PathParam("id") long id) {
        int updated = em.createNativeQuery("""
                        update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now()
                        where id = ?1 and status in ('FAILED', 'DEAD')
                        """)
                .setParameter(1, id).executeUpdate();
        Delivery delivery = find(id);
        if (updated == 0) {
            throw ProblemException.of(NotificationErrorCode.NOT_REDRIVABLE,
                    "Delivery " + id + " is " + delivery.status + "; only FAILED and DEAD deliveries can be redriven.");
        }
        em.refresh(delivery);
        return DeliveryView.of(delivery);
    }

    private Delivery find(long id) {
        Delivery delivery = deliveries.findById(id);
        if (delivery == null) {
            throw ProblemException.of(NotificationErrorCode.DELIVERY_NOT_FOUND, "No delivery " + id + ".");
        }
        return delivery;
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String upper = status.trim().toUpperCase(Locale.ROOT);
        if (!DeliveryStatus.NAMES.contains(upper)) {
            throw ProblemException.invalidField("status", "must be one of " + DeliveryStatus.NAMES);
        }
        return upper;
    }
}
