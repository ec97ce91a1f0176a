package dev.tessera.runtime.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One invalid input value: {@code field} is the path of the value in the request as the client sent it
 * ({@code items[0].quantity} for a body property, the parameter name for a query or path parameter) and
 * {@code message} says what is wrong with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
