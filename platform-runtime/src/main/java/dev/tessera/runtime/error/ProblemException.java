package dev.tessera.runtime.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception services throw to answer with an error. The exception mappers turn it into an
 * {@code application/problem+json} response whose status, code and title come from the {@link ErrorCode} and whose
 * {@code detail} is the detail given here.
 *
 * <p>The detail and the extension properties are shown to the caller verbatim, so they must describe the problem in
 * the caller's terms and never contain secrets, SQL, class names or other internals; put those in the cause, which is
 * only logged.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final String detail;
    private final List<FieldError> fieldErrors;
    private final transient Map<String, Object> properties;

    public ProblemException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of(), Map.of(), null);
    }

    public ProblemException(ErrorCode errorCode, String detail, Throwable cause) {
        this(errorCode, detail, List.of(), Map.of(), cause);
    }

    /**
     * @param fieldErrors the invalid input values, written as the problem's {@code errors} member
     * @param properties RFC 9457 extension members written at the top level of the problem; names of standard
     *        members ({@link Problem#RESERVED_MEMBERS}) are rejected; values must be serialisable by Jackson
     */
    public ProblemException(ErrorCode errorCode, String detail, List<FieldError> fieldErrors,
            Map<String, Object> properties, Throwable cause) {
        super(message(errorCode, detail), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        this.properties = copyProperties(properties);
    }

    public static ProblemException of(ErrorCode errorCode, String detail) {
        return new ProblemException(errorCode, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(PlatformErrorCode.BAD_REQUEST, detail);
    }

    /** A 400 listing every invalid input value. */
    public static ProblemException validation(String detail, List<FieldError> fieldErrors) {
        return new ProblemException(PlatformErrorCode.VALIDATION_FAILED, detail, fieldErrors, Map.of(), null);
    }

    /** A 400 for a single invalid input value. */
    public static ProblemException invalidField(String field, String message) {
        return validation(field + " " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(PlatformErrorCode.UNAUTHENTICATED, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(PlatformErrorCode.FORBIDDEN, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(PlatformErrorCode.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(PlatformErrorCode.CONFLICT, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(PlatformErrorCode.UNPROCESSABLE, detail);
    }

    public static ProblemException serviceUnavailable(String detail) {
        return new ProblemException(PlatformErrorCode.SERVICE_UNAVAILABLE, detail);
    }

    /** A copy carrying one more extension member, e.g. {@code .with("retryAfterSeconds", 30)}. */
    public ProblemException with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.put(name, value);
        ProblemException copied = new ProblemException(errorCode, detail, fieldErrors, copy, getCause());
        copied.setStackTrace(getStackTrace());
        return copied;
    }

    /** A copy carrying the given field errors. */
    public ProblemException withFieldErrors(List<FieldError> errors) {
        ProblemException copied = new ProblemException(errorCode, detail, errors, properties, getCause());
        copied.setStackTrace(getStackTrace());
        return copied;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The caller-facing explanation of this occurrence; may be null, in which case the title says it all. */
    public String detail() {
        return detail;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Extension members, in insertion order. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The problem body for this exception at the given request path. */
    public Problem toProblem(String instance) {
        Problem problem = Problem.of(errorCode, detail, instance).withErrors(fieldErrors);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            problem = problem.withExtension(property.getKey(), property.getValue());
        }
        return problem;
    }

    private static String message(ErrorCode errorCode, String detail) {
        String code = errorCode == null ? "null" : errorCode.code();
        return detail == null ? code : code + ": " + detail;
    }

    private static Map<String, Object> copyProperties(Map<String, Object> properties) {
        if (properties == null || properties.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            // Fail where the exception is built, not later in the mapper where the bug is harder to trace.
            Problem.checkExtensionName(name);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
