package dev.tessera.membership.api;

import dev.tessera.membership.domain.MembershipErrorCode;
import dev.tessera.membership.domain.Resources;
import dev.tessera.membership.persistence.EntitlementStore;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.error.FieldError;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** May the caller enter a resource? One indexed look-up, no joins. */
@Path("/access")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    private final EntitlementStore entitlements;
    private final Caller caller;
    private final Timer allowedTimer;
    private final Timer deniedTimer;

    AccessResource(EntitlementStore entitlements, Caller caller, MeterRegistry registry) {
        this.entitlements = entitlements;
        this.caller = caller;
        this.allowedTimer = timer(registry, "true");
        this.deniedTimer = timer(registry, "false");
    }

    /**
     * The look-up's time at the service, by outcome: p50/p99/p99.9 over a sliding two minutes, and a histogram
     * (buckets from 50 µs to 1 s) for percentiles over any window and across instances.
     */
    private static Timer timer(MeterRegistry registry, String allowed) {
        return Timer.builder("tessera.membership.access.checks").description("Access checks answered, by outcome")
                .tag("allowed", allowed).publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
    }

    @GET
    public Views.AccessView access(@QueryParam("resource") String resource) {
        if (!Resources.valid(resource)) {
            throw new ProblemException(MembershipErrorCode.INVALID_RESOURCE,
                    "resource must look like group:<id>, tier:<id>, event:<id>, course:<id>, service:<id> or stream:<id>.",
                    List.of(new FieldError("resource", "must match " + Resources.PATTERN.pattern())), Map.of(), null);
        }
        String userId = caller.userId();
        long started = System.nanoTime();
        EntitlementStore.Access access = entitlements.access(userId, resource, Instant.now());
        (access.allowed() ? allowedTimer : deniedTimer).record(System.nanoTime() - started,
                java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Views.AccessView(resource, access.allowed(), access.validUntil());
    }
}
