package dev.tessera.runtime.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a Quarkus REST endpoint into an RFC 9457 {@code application/problem+json} response; see
 * {@link ProblemMapping} for which failure becomes which problem.
 *
 * <p><b>Why {@code @ServerExceptionMapper}.</b> Quarkus REST discovers these methods in any Jandex-indexed dependency,
 * so platform-runtime being on the classpath is all a service needs. The mapper is registered for every type that
 * Quarkus or one of our extensions maps itself (Jackson's {@code MismatchedInputException}, Hibernate Validator's
 * {@code ValidationException}, Quarkus Security's exceptions): Quarkus REST picks the mapper of the closest type in
 * the exception's hierarchy, so a mapper for {@code Throwable} alone would lose to those. At equal type our priority
 * ({@code Priorities.USER}) beats the built-ins ({@code Priorities.USER + 1}).
 *
 * <p><b>Authentication failures.</b> Services set {@code quarkus.http.auth.proactive=false}. Authentication then
 * runs only for endpoints that need an identity, inside Quarkus REST, so an invalid, expired or missing bearer token
 * surfaces as {@code AuthenticationFailedException} or {@code UnauthorizedException} and a missing role as
 * {@code io.quarkus.security.ForbiddenException}, all of which reach this mapper. It also keeps public endpoints
 * (Stripe webhooks, health) from being rejected because a caller sent a stale token they do not need. (With proactive
 * authentication left on, Quarkus REST hands authentication failures to a registered
 * {@code AuthenticationFailedException} mapper, which this class is, so the answer is problem+json as well; but then a
 * bad token is rejected even on public endpoints.) Both modes were verified end to end with this package in a
 * Jandex-indexed library jar under {@code @QuarkusTest}. Responses Quarkus
 * produces without Quarkus REST (the {@code /q/*} endpoints, and unknown paths when another extension serves routes
 * next to Quarkus REST) keep their own format.
 */
@Singleton
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    /**
     * A private mapper rather than the application's: the problem format is a platform contract and must not change
     * with a service's Jackson settings (naming strategy, inclusion, date format).
     */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @ServerExceptionMapper({
            ProblemException.class,
            ConstraintViolationException.class,
            ValidationException.class,
            JsonProcessingException.class,
            MismatchedInputException.class,
            InvalidDefinitionException.class,
            WebApplicationException.class,
            BadRequestException.class,
            NotAuthorizedException.class,
            jakarta.ws.rs.ForbiddenException.class,
            NotFoundException.class,
            NotAllowedException.class,
            NotAcceptableException.class,
            NotSupportedException.class,
            UnauthorizedException.class,
            AuthenticationFailedException.class,
            AuthenticationCompletionException.class,
            io.quarkus.security.ForbiddenException.class,
            Throwable.class })
    public Response toResponse(Throwable failure, HttpServerRequest request) {
        Response response = toResponse(failure, request == null ? null : request.path());
        if (response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) != null && challengeAlreadySent(request)) {
            // With proactive authentication Quarkus has already put its own challenge on the response; one is enough.
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, null).build();
        }
        return response;
    }

    private static boolean challengeAlreadySent(HttpServerRequest request) {
        try {
            return request != null && request.response() != null
                    && request.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The response for {@code failure} on a request to {@code path}; never throws. */
    public Response toResponse(Throwable failure, String path) {
        ProblemMapping.Outcome outcome;
        try {
            outcome = ProblemMapping.map(failure, path);
        } catch (RuntimeException mappingFailure) {
            // The mapper must always answer; a bug here would otherwise leak Quarkus's default error page.
            mappingFailure.addSuppressed(failure);
            outcome = ProblemMapping.map(mappingFailure, path);
        }
        if (outcome.passThrough() != null) {
            return outcome.passThrough();
        }
        return response(outcome.problem(), outcome.headers());
    }

    /** A problem+json response; also usable by code that answers with a problem without throwing. */
    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(serialize(problem));
        headers.forEach(builder::header);
        return builder.build();
    }

    /**
     * Serialised here, not by Quarkus REST's message body writers, so the body does not depend on which writer a
     * service's media-type setup would select for {@code application/problem+json}.
     */
    static byte[] serialize(Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException | RuntimeException e) {
            // Only an extension value can fail to serialise; drop the extensions but keep the error id, if any.
            LOG.errorf(e, "Could not serialise the extensions of problem %s; sending it without them", problem.code());
            Problem plain = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                    problem.instance(), problem.code(), problem.errors());
            Object errorId = problem.extensions().get("errorId");
            if (errorId instanceof String id) {
                plain = plain.withExtension("errorId", id);
            }
            try {
                return JSON.writeValueAsBytes(plain);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("a plain problem is always serialisable", impossible);
            }
        }
    }
}
