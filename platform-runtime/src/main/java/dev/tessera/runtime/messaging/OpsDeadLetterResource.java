package dev.tessera.runtime.messaging;

import dev.tessera.events.Topics;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Every service's dead letters, for operators: list them and redrive them after a fix. */
@Path("/ops/dlq")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
public class OpsDeadLetterResource {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    OpsDeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/{topic}")
    public List<DeadLetters.DeadLetter> list(@PathParam("topic") String topic,
                                             @QueryParam("limit") @DefaultValue("100") int limit) {
        return deadLetters.list(knownTopic(topic), checkedLimit(limit));
    }

    @POST
    @Path("/{topic}/redrive")
    public DeadLetters.RedriveResult redrive(@PathParam("topic") String topic, @QueryParam("consumer") String consumer,
                                             @QueryParam("limit") @DefaultValue("1000") int limit) {
        return deadLetters.redrive(knownTopic(topic), consumer, checkedLimit(limit));
    }

    private static String knownTopic(String topic) {
        if (!Topics.STRIPE_TOPICS.contains(topic) && !Topics.DOMAIN_TOPICS.contains(topic)) {
            throw ProblemException.invalidField("topic", "must be one of " + Topics.STRIPE_TOPICS + " or " + Topics.DOMAIN_TOPICS);
        }
        return topic;
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
