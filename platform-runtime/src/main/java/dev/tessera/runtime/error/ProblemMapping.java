package dev.tessera.runtime.error;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;

/**
 * Decides which problem answers a failure. Pure apart from logging, so that every rule can be unit-tested without a
 * running server; {@link ProblemExceptionMappers} only plugs it into Quarkus REST.
 *
 * <p>Nothing taken from an exception's message reaches the client except {@link ProblemException#detail()}: framework
 * and library messages routinely contain class names, SQL or input echoes, so every other failure is described by a
 * fixed text chosen here.
 */
final class ProblemMapping {

    private static final Logger LOG = Logger.getLogger(ProblemMapping.class);

    /** Response headers of a {@link WebApplicationException} that remain meaningful on the problem response. */
    private static final List<String> PRESERVED_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER);

    static final String BEARER_CHALLENGE = "Bearer";
    /** The Quarkus REST handler that turns the request body into the resource method's entity parameter. */
    static final String REQUEST_DESERIALIZE_HANDLER =
            "org.jboss.resteasy.reactive.server.handlers.RequestDeserializeHandler";
    static final String INTERNAL_DETAIL = "An unexpected error occurred. Quote the error id when reporting it.";

    private ProblemMapping() {
    }

    /** What to send: either a problem with extra headers, or (for non-error WebApplicationExceptions) the original. */
    record Outcome(Problem problem, Map<String, String> headers, Response passThrough) {

        static Outcome of(Problem problem) {
            return new Outcome(problem, Map.of(), null);
        }

        static Outcome of(Problem problem, Map<String, String> headers) {
            return new Outcome(problem, headers, null);
        }
    }

    static Outcome map(Throwable failure, String instance) {
        Throwable unwrapped = unwrap(failure);
        if (unwrapped instanceof ProblemException problem) {
            return fromProblemException(problem, instance);
        }
        if (unwrapped instanceof ConstraintViolationException violations) {
            return fromConstraintViolations(violations, instance);
        }
        if (unwrapped instanceof JsonProcessingException json) {
            return fromJson(json, instance);
        }
        if (unwrapped instanceof WebApplicationException web) {
            return fromWebApplicationException(web, instance);
        }
        if (unwrapped instanceof UnauthorizedException) {
            return unauthenticated("Authentication is required to access this resource.", instance);
        }
        if (unwrapped instanceof AuthenticationFailedException
                || unwrapped instanceof AuthenticationCompletionException) {
            return unauthenticated("The credentials are missing, invalid or expired.", instance);
        }
        if (unwrapped instanceof io.quarkus.security.ForbiddenException) {
            return Outcome.of(Problem.of(PlatformErrorCode.FORBIDDEN,
                    "You are not allowed to perform this operation.", instance));
        }
        if (unwrapped instanceof RuntimeException && thrownWhileReadingBody(unwrapped)) {
            // Quarkus' build-time generated (reflection-free) Jackson deserializers call record constructors directly,
            // so an invariant check such as Money's currency validation surfaces as a bare IllegalArgumentException
            // instead of Jackson's ValueInstantiationException. It is still the caller's body that is wrong.
            LOG.debugf(unwrapped, "Request to %s has a body that could not be bound", instance);
            return Outcome.of(Problem.of(PlatformErrorCode.MALFORMED_JSON,
                    "The request body does not match the expected structure.", instance));
        }
        return internal(unwrapped, instance);
    }

    /**
     * True if {@code failure} was thrown while Quarkus REST was reading the request body, i.e. before any resource
     * code ran. Resource methods never execute under the deserialisation handler, so a frame of it on the stack means
     * the body could not be bound to the parameter type.
     */
    static boolean thrownWhileReadingBody(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (REQUEST_DESERIALIZE_HANDLER.equals(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /** Strips the wrappers that only say "something threw inside a proxy, future or reflective call". */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        // Bounded so that a pathological self-referencing cause chain cannot loop forever.
        for (int depth = 0; depth < 10 && isWrapper(current) && current.getCause() != null; depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable failure) {
        return failure instanceof CompletionException || failure instanceof ExecutionException
                || failure instanceof UndeclaredThrowableException || failure instanceof InvocationTargetException
                || failure instanceof ArcUndeclaredThrowableException;
    }

    private static Outcome fromProblemException(ProblemException exception, String instance) {
        Problem problem = exception.toProblem(instance);
        if (problem.status() >= 500) {
            // A deliberate 5xx (Stripe unreachable, not configured) is expected operationally: no stack trace unless
            // there is an underlying cause worth seeing, but always an id that ties the response to the log line.
            String errorId = newErrorId();
            if (exception.getCause() != null) {
                LOG.warnf(exception, "Request to %s answered %d %s (error id %s)", instance, problem.status(),
                        problem.code(), errorId);
            } else {
                LOG.warnf("Request to %s answered %d %s: %s (error id %s)", instance, problem.status(), problem.code(),
                        exception.detail(), errorId);
            }
            problem = problem.withExtension("errorId", errorId);
        } else {
            LOG.debugf("Request to %s answered %d %s: %s", instance, problem.status(), problem.code(),
                    exception.detail());
        }
        return Outcome.of(problem);
    }

    private static Outcome fromConstraintViolations(ConstraintViolationException exception, String instance) {
        if (exception.getConstraintViolations() == null || exception.getConstraintViolations().isEmpty()) {
            return internal(exception, instance);
        }
        // A violated constraint on a return value is our bug, not the caller's: the caller cannot fix it.
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return internal(exception, instance);
                }
            }
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), violation.getMessage()));
        }
        // Violations come from a HashSet; sorting keeps the response stable for clients and tests.
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        String detail = errors.size() == 1 ? "1 value in the request is invalid."
                : errors.size() + " values in the request are invalid.";
        LOG.debugf("Request to %s failed validation: %s", instance, errors);
        return Outcome.of(Problem.of(PlatformErrorCode.VALIDATION_FAILED, detail, instance).withErrors(errors));
    }

    /**
     * Renders a Bean Validation path the way the client sees the request: the resource method's name is dropped,
     * a body parameter's Java name is dropped (the body has no name on the wire), a query or path parameter keeps its
     * name, and container elements appear as indexes or keys: {@code items[0].quantity}, {@code tags[2]},
     * {@code limit}.
     */
    static String fieldPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        String parameterName = null;
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameterName = node.getName();
                Path.Node next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
                boolean isBodyRoot = next != null
                        && (next.getKind() == ElementKind.PROPERTY || next.getKind() == ElementKind.BEAN);
                if (!isBodyRoot) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(position == null ? "" : position).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.length() == 0 && parameterName != null) {
            // A class-level constraint on the whole body: the parameter is the only name there is.
            return parameterName;
        }
        return field.toString();
    }

    private static Outcome fromJson(JsonProcessingException exception, String instance) {
        if (isServerSide(exception)) {
            return internal(exception, instance);
        }
        LOG.debugf("Request to %s has an unreadable body: %s", instance, exception.getOriginalMessage());
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            String message = exception instanceof UnrecognizedPropertyException ? "is not a known field"
                    : "has an invalid value";
            return Outcome.of(Problem.of(PlatformErrorCode.MALFORMED_JSON,
                    "The request body does not match the expected structure.", instance)
                    .withErrors(List.of(new FieldError(field, message))));
        }
        if (exception instanceof MismatchedInputException) {
            return Outcome.of(Problem.of(PlatformErrorCode.MALFORMED_JSON,
                    "The request body does not match the expected structure.", instance));
        }
        return Outcome.of(Problem.of(PlatformErrorCode.MALFORMED_JSON, "The request body is not valid JSON.", instance));
    }

    /**
     * A bad type definition, or any failure while writing JSON, is a defect of the service; everything else Jackson
     * reports happened while reading what the client sent.
     */
    private static boolean isServerSide(JsonProcessingException exception) {
        return exception instanceof InvalidDefinitionException || exception instanceof StreamWriteException
                || exception.getProcessor() instanceof JsonGenerator;
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Outcome fromWebApplicationException(WebApplicationException exception, String instance) {
        if (exception instanceof ResteasyReactiveClientProblem) {
            // A REST client call of ours got an error answer. Its status describes the other service's view of our
            // request, not the caller's request, so passing it on (a downstream 404 as our 404) would mislead.
            return internalWithCode(PlatformErrorCode.BAD_GATEWAY, INTERNAL_DETAIL, exception, instance, Map.of());
        }
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400) {
            // Redirects and other non-errors thrown as exceptions are answers, not problems.
            return new Outcome(null, Map.of(), original);
        }
        // Quarkus REST reports unreadable JSON bodies as a 400 WebApplicationException caused by Jackson's exception.
        if (status == 400 && exception.getCause() instanceof JsonProcessingException json && !isServerSide(json)) {
            return fromJson(json, instance);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (original != null) {
            for (String name : PRESERVED_HEADERS) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        if (status == 401) {
            headers.putIfAbsent(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        ErrorCode errorCode = PlatformErrorCode.forStatus(status).<ErrorCode>map(code -> code)
                .orElseGet(() -> new HttpStatusErrorCode(status));
        if (status >= 500) {
            String detail = status == 503 ? "The service is temporarily unavailable; retry later." : INTERNAL_DETAIL;
            return internalWithCode(errorCode, detail, exception, instance, headers);
        }
        LOG.debugf("Request to %s answered %d: %s", instance, status, exception.getMessage());
        return Outcome.of(Problem.of(errorCode, genericDetail(status), instance), headers);
    }

    private static String genericDetail(int status) {
        return switch (status) {
            case 400 -> "The request is not valid.";
            case 401 -> "Authentication is required to access this resource.";
            case 403 -> "You are not allowed to perform this operation.";
            case 404 -> "The requested resource does not exist.";
            case 405 -> "The resource does not support this HTTP method.";
            case 406 -> "The resource cannot produce any of the media types the request accepts.";
            case 409 -> "The request conflicts with the current state of the resource.";
            case 413 -> "The request body is too large.";
            case 415 -> "The resource does not accept the request's content type.";
            case 429 -> "Too many requests; retry later.";
            default -> Optional.ofNullable(Response.Status.fromStatusCode(status))
                    .map(known -> known.getReasonPhrase() + ".")
                    .orElse("The request failed.");
        };
    }

    private static Outcome unauthenticated(String detail, String instance) {
        LOG.debugf("Request to %s is not authenticated", instance);
        return Outcome.of(Problem.of(PlatformErrorCode.UNAUTHENTICATED, detail, instance),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE));
    }

    private static Outcome internal(Throwable failure, String instance) {
        return internalWithCode(PlatformErrorCode.INTERNAL, INTERNAL_DETAIL, failure, instance, Map.of());
    }

    private static Outcome internalWithCode(ErrorCode errorCode, String detail, Throwable failure, String instance,
            Map<String, String> headers) {
        String errorId = newErrorId();
        // The only place the stack trace goes: the client gets the id, operators find the trace by it.
        LOG.errorf(failure, "Request to %s failed with error id %s", instance, errorId);
        return Outcome.of(Problem.of(errorCode, detail, instance).withExtension("errorId", errorId), headers);
    }

    private static String newErrorId() {
        return UUID.randomUUID().toString();
    }

    /** An HTTP status without a platform code (418, 451, 504, ...): the code is derived from the number. */
    record HttpStatusErrorCode(int status) implements ErrorCode {

        @Override
        public Spec spec() {
            Response.Status known = Response.Status.fromStatusCode(status);
            return new Spec(status, "http_" + status, known == null ? "HTTP " + status : known.getReasonPhrase());
        }
    }
}
