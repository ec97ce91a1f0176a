package dev.tessera.runtime.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem details body, serialised as {@code application/problem+json}. Null members are omitted.
 *
 * <p>{@code code} is Tessera's stable machine-readable error code; {@code type} is derived from it
 * ({@code https://tessera.dev/problems/<code>}) so that the two never disagree. {@code instance} is the request path.
 * {@code extensions} are additional RFC 9457 extension members written at the top level of the JSON object (for
 * example {@code errorId} on a 500); they can never replace a standard member.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "code", "errors" })
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Member names an extension may not use, because they would shadow or duplicate a standard member. */
    public static final Set<String> RESERVED_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code",
            "errors");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(code, "code");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has an error status, not " + status);
        }
        // An empty list says nothing a client can use; omitting it keeps the body minimal.
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        extensions = copyExtensions(extensions);
    }

    /** A problem without extension members. */
    public Problem(String type, String title, int status, String detail, String instance, String code,
            List<FieldError> errors) {
        this(type, title, status, detail, instance, code, errors, Map.of());
    }

    /** The problem for {@code errorCode} with the given detail and request path. */
    public static Problem of(ErrorCode errorCode, String detail, String instance) {
        return new Problem(errorCode.type().toString(), errorCode.title(), errorCode.httpStatus(), detail, instance,
                errorCode.code(), null);
    }

    /** A copy with the given field errors. */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, fieldErrors, extensions);
    }

    /** A copy with one more extension member. */
    public Problem withExtension(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(name, value);
        return new Problem(type, title, status, detail, instance, code, errors, copy);
    }

    /** Jackson writes the extension members next to the standard ones, as RFC 9457 requires. */
    @JsonAnyGetter
    Map<String, Object> jsonExtensions() {
        return extensions;
    }

    private static Map<String, Object> copyExtensions(Map<String, Object> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        extensions.forEach((name, value) -> {
            checkExtensionName(name);
            if (value != null) {
                copy.put(name, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    static void checkExtensionName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an extension member needs a name");
        }
        if (RESERVED_MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a standard problem member, not an extension");
        }
    }
}
