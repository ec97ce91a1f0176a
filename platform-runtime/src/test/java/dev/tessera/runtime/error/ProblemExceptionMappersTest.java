package dev.tessera.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls the mapper exactly as Quarkus REST does, with the failure and the Vert.x request. */
class ProblemExceptionMappersTest {

    private static final String PATH = "/sellers/s_1/offerings";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ValidatorFactory validatorFactory;

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @BeforeAll
    static void validation() {
        // No Expression Language implementation on a plain test classpath; Quarkus configures the same interpolator.
        validatorFactory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    }

    @AfterAll
    static void close() {
        validatorFactory.close();
    }

    @Test
    void problemExceptionKeepsItsCodeAndDetail() throws Exception {
        Response response = map(ProblemException.conflict("the offering is sold out").with("remaining", 0));
        JsonNode body = assertProblem(response, 409, "conflict");
        assertThat(body.get("detail").asText()).isEqualTo("the offering is sold out");
        assertThat(body.get("title").asText()).isEqualTo("Conflict");
        assertThat(body.get("remaining").asInt()).isZero();
        assertThat(body.has("errorId")).isFalse();
    }

    @Test
    void serviceErrorCodesWork() throws Exception {
        enum Checkout implements ErrorCode {
            CAPACITY_EXHAUSTED;

            @Override
            public Spec spec() {
                return new Spec(409, "checkout.capacity_exhausted", "No capacity left");
            }
        }
        JsonNode body = assertProblem(map(new ProblemException(Checkout.CAPACITY_EXHAUSTED, "sold out")), 409,
                "checkout.capacity_exhausted");
        assertThat(body.get("type").asText()).isEqualTo("https://tessera.dev/problems/checkout.capacity_exhausted");
    }

    @Test
    void deliberateServerErrorsGetAnErrorId() throws Exception {
        JsonNode body = assertProblem(map(ProblemException.serviceUnavailable("Stripe is not configured")), 503,
                "service_unavailable");
        assertThat(body.get("detail").asText()).isEqualTo("Stripe is not configured");
        assertThat(body.get("errorId").asText()).hasSize(36);
    }

    @Test
    void wrappedProblemExceptionsAreUnwrapped() throws Exception {
        assertProblem(map(new CompletionException(ProblemException.notFound("x"))), 404, "not_found");
        assertProblem(map(new ArcUndeclaredThrowableException(ProblemException.forbidden("x"))), 403, "forbidden");
    }

    @Test
    void constraintViolationsOnABodyListFieldPathsAsTheClientSeesThem() throws Exception {
        Method method = Resource.class.getMethod("create", String.class, int.class, Body.class);
        Body body = new Body(" ", List.of(new Line(0, "sku"), new Line(2, null)));
        Set<ConstraintViolation<Resource>> violations = validator().forExecutables()
                .validateParameters(new Resource(), method, new Object[] { "s_1", 500, body });

        JsonNode json = assertProblem(map(new ConstraintViolationException(violations)), 400, "validation_failed");

        assertThat(json.get("detail").asText()).isEqualTo("4 values in the request are invalid.");
        assertThat(fieldErrors(json)).containsExactly(
                "items[0].quantity: must be greater than 0",
                "items[1].sku: must not be null",
                "limit: must be less than or equal to 100",
                "name: must not be blank");
    }

    @Test
    void constraintViolationsOfQuarkusRestSubclassAreMappedToo() throws Exception {
        Method method = Resource.class.getMethod("create", String.class, int.class, Body.class);
        Set<ConstraintViolation<Resource>> violations = validator().forExecutables()
                .validateParameters(new Resource(), method, new Object[] { " ", 1, new Body("n", List.of()) });
        ConstraintViolationException quarkusStyle =
                new io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException(violations);
        JsonNode json = assertProblem(map(quarkusStyle), 400, "validation_failed");
        assertThat(fieldErrors(json)).containsExactly("sellerId: must not be blank");
    }

    @Test
    void returnValueViolationsAreOurBug() throws Exception {
        Method method = Resource.class.getMethod("create", String.class, int.class, Body.class);
        Set<ConstraintViolation<Resource>> violations = validator().forExecutables()
                .validateReturnValue(new Resource(), method, null);
        assertThat(violations).isNotEmpty();
        JsonNode json = assertProblem(map(new ConstraintViolationException(violations)), 500, "internal");
        assertThat(json.has("errors")).isFalse();
    }

    @Test
    void otherValidationExceptionsAreOurBug() throws Exception {
        assertProblem(map(new ValidationException("HV000030: No validator could be found")), 500, "internal");
    }

    @Test
    void invalidJsonIsMalformedWithoutEchoingTheParser() throws Exception {
        JsonParseException parse = parseFailure("{\"name\": oops}", Body.class, JsonParseException.class);
        // Quarkus REST wraps syntax errors in a 400 WebApplicationException.
        JsonNode json = assertProblem(map(new WebApplicationException(parse, 400)), 400, "malformed_json");
        assertThat(json.get("detail").asText()).isEqualTo("The request body is not valid JSON.");
        assertThat(json.toString()).doesNotContain("oops").doesNotContain("Unrecognized token");
    }

    @Test
    void wrongTypesNameTheFieldButNotTheJavaType() throws Exception {
        MismatchedInputException mismatch = parseFailure("{\"name\":\"n\",\"items\":[{\"quantity\":\"many\"}]}",
                Body.class, MismatchedInputException.class);
        JsonNode json = assertProblem(map(mismatch), 400, "malformed_json");
        assertThat(json.get("detail").asText()).isEqualTo("The request body does not match the expected structure.");
        assertThat(fieldErrors(json)).containsExactly("items[0].quantity: has an invalid value");
        assertThat(json.toString()).doesNotContain("int").doesNotContain("java").doesNotContain("Line");
    }

    @Test
    void unknownFieldsAreNamed() throws Exception {
        UnrecognizedPropertyException unknown = parseFailure("{\"name\":\"n\",\"colour\":\"red\"}", Body.class,
                UnrecognizedPropertyException.class);
        JsonNode json = assertProblem(map(unknown), 400, "malformed_json");
        assertThat(fieldErrors(json)).containsExactly("colour: is not a known field");
    }

    @Test
    void valueInstantiationFailuresWrappedByQuarkusAreMalformed() throws Exception {
        JsonMappingException instantiation = parseFailure("{\"amountMinor\":1,\"currency\":\"XXQ\"}",
                dev.tessera.runtime.money.Money.class, JsonMappingException.class);
        JsonNode json = assertProblem(map(new WebApplicationException(instantiation, 400)), 400, "malformed_json");
        assertThat(json.toString()).doesNotContain("XXQ").doesNotContain("ISO 4217");
    }

    @Test
    void invariantFailuresWhileQuarkusBindsTheBodyAreTheCallersFault() throws Exception {
        // What Quarkus' generated deserializers produce for new Money(1, "XXQ"): the constructor's own exception.
        IllegalArgumentException invariant = new IllegalArgumentException("unknown ISO 4217 currency 'XXQ'");
        invariant.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("dev.tessera.runtime.money.Money", "<init>", "Money.java", 54),
                new StackTraceElement("dev.tessera.runtime.money.Money$quarkusjacksondeserializer", "deserialize", null,
                        -1),
                new StackTraceElement(ProblemMapping.REQUEST_DESERIALIZE_HANDLER, "handle", null, 84) });
        JsonNode json = assertProblem(map(invariant), 400, "malformed_json");
        assertThat(json.toString()).doesNotContain("XXQ");

        // The same exception thrown by resource code is our bug.
        assertProblem(map(new IllegalArgumentException("unknown ISO 4217 currency 'XXQ'")), 500, "internal");
    }

    @Test
    void badTypeDefinitionsAreOurBug() throws Exception {
        InvalidDefinitionException definition = parseFailure("{}", Uncreatable.class, InvalidDefinitionException.class);
        assertProblem(map(definition), 500, "internal");
    }

    @Test
    void webApplicationExceptionsKeepTheirStatus() throws Exception {
        assertProblem(map(new NotFoundException()), 404, "not_found");
        assertProblem(map(new BadRequestException()), 400, "bad_request");
        assertProblem(map(new NotAcceptableException()), 406, "not_acceptable");
        assertProblem(map(new NotSupportedException()), 415, "unsupported_media_type");
        assertProblem(map(new jakarta.ws.rs.ForbiddenException()), 403, "forbidden");
        assertProblem(map(new WebApplicationException(409)), 409, "conflict");
        assertProblem(map(new WebApplicationException(418)), 418, "http_418");
        assertProblem(map(new WebApplicationException(504)), 504, "http_504");
    }

    @Test
    void restClientFailuresAreBadGatewayNotTheDownstreamStatus() throws Exception {
        JsonNode json = assertProblem(map(new org.jboss.resteasy.reactive.ClientWebApplicationException(404)), 502,
                "bad_gateway");
        assertThat(json.get("errorId")).isNotNull();
    }

    @Test
    void webApplicationExceptionMessagesAreNotEchoed() throws Exception {
        JsonNode json = assertProblem(map(new NotFoundException("row 42 missing in table sellers_secret")), 404,
                "not_found");
        assertThat(json.get("detail").asText()).isEqualTo("The requested resource does not exist.");
    }

    @Test
    void methodNotAllowedKeepsTheAllowHeader() throws Exception {
        Response response = map(new NotAllowedException("GET", new String[] { "HEAD" }));
        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.getHeaderString("Allow")).contains("GET").contains("HEAD");
    }

    @Test
    void notAuthorizedKeepsItsChallenge() throws Exception {
        Response response = map(new NotAuthorizedException("Bearer realm=\"tessera\""));
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"tessera\"");
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() throws Exception {
        Response response = map(new ServiceUnavailableException(30L));
        assertProblem(response, 503, "service_unavailable");
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
    }

    @Test
    void redirectsPassThrough() {
        Response response = map(new RedirectionException(303, URI.create("/elsewhere")));
        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(response.getLocation()).isEqualTo(URI.create("/elsewhere"));
    }

    @Test
    void securityExceptionsBecome401And403() throws Exception {
        Response anonymous = map(new UnauthorizedException());
        assertProblem(anonymous, 401, "unauthenticated");
        assertThat(anonymous.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");

        Response badToken = map(new AuthenticationFailedException("SRJWT07000: Failed to verify token"));
        JsonNode json = assertProblem(badToken, 401, "unauthenticated");
        assertThat(json.toString()).doesNotContain("SRJWT");
        assertThat(badToken.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");

        assertProblem(map(new io.quarkus.security.AuthenticationCompletionException()), 401, "unauthenticated");
        assertProblem(map(new io.quarkus.security.ForbiddenException()), 403, "forbidden");
    }

    @Test
    void anythingElseIsAGeneric500WithAnErrorId() throws Exception {
        Response response = map(new IllegalStateException("connection to jdbc:postgresql://db/secret refused"));
        JsonNode json = assertProblem(response, 500, "internal");
        assertThat(json.get("detail").asText())
                .isEqualTo("An unexpected error occurred. Quote the error id when reporting it.");
        assertThat(json.get("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(json.toString()).doesNotContain("postgresql").doesNotContain("IllegalState")
                .doesNotContain("java.");
        assertThat(assertProblem(map(new StackOverflowError()), 500, "internal").get("errorId")).isNotNull();
    }

    @Test
    void errorIdsAreUnique() throws Exception {
        String first = assertProblem(map(new RuntimeException()), 500, "internal").get("errorId").asText();
        String second = assertProblem(map(new RuntimeException()), 500, "internal").get("errorId").asText();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void worksWithoutARequest() throws Exception {
        Response response = mappers.toResponse(new NotFoundException(), (HttpServerRequest) null);
        JsonNode json = JSON.readTree((byte[]) response.getEntity());
        assertThat(json.has("instance")).isFalse();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private Response map(Throwable failure) {
        return mappers.toResponse(failure, request(PATH));
    }

    private static HttpServerRequest request(String path) {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class }, (proxy, method, args) -> {
                    if (method.getName().equals("path")) {
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static JsonNode assertProblem(Response response, int status, String code) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getEntity()).isInstanceOf(byte[].class);
        String text = new String((byte[]) response.getEntity(), StandardCharsets.UTF_8);
        JsonNode json = JSON.readTree(text);
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("type").asText()).isEqualTo("https://tessera.dev/problems/" + code);
        assertThat(json.get("title").asText()).isNotBlank();
        assertThat(json.get("instance").asText()).isEqualTo(PATH);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.tessera");
        return json;
    }

    private static List<String> fieldErrors(JsonNode json) {
        return java.util.stream.StreamSupport.stream(json.get("errors").spliterator(), false)
                .map(error -> error.get("field").asText() + ": " + error.get("message").asText()).toList();
    }

    private static <T extends Throwable> T parseFailure(String json, Class<?> type, Class<T> expected) {
        try {
            new ObjectMapper().readValue(json, type);
        } catch (Exception e) {
            assertThat(e).isInstanceOf(expected);
            return expected.cast(e);
        }
        throw new AssertionError("expected " + expected.getSimpleName());
    }

    private static Validator validator() {
        return validatorFactory.getValidator();
    }

    public static class Resource {
        @NotNull
        public String create(@NotBlank String sellerId, @Max(100) int limit, @Valid Body body) {
            return null;
        }
    }

    public record Body(@NotBlank String name, List<@Valid Line> items) {
    }

    public record Line(@Positive int quantity, @NotNull String sku) {
    }

    /** Abstract without type information: Jackson cannot pick an implementation, a defect of the endpoint. */
    public abstract static class Uncreatable {
    }
}
