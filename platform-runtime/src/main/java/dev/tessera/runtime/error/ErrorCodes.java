package dev.tessera.runtime.error;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks for error-code enums, meant to be called from each service's unit tests. */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    /**
     * Verifies that every constant of {@code type} has a status in 400-599, a code matching
     * {@link ErrorCode#CODE_PATTERN}, a non-blank title, and that no two constants share a code.
     *
     * @throws IllegalStateException listing every violation
     */
    public static <E extends Enum<E> & ErrorCode> void verify(Class<E> type) {
        List<String> violations = new ArrayList<>();
        Map<String, E> seen = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            if (constant.httpStatus() < 400 || constant.httpStatus() > 599) {
                violations.add(constant.name() + ": status " + constant.httpStatus() + " is not an error status");
            }
            String code = constant.code();
            if (code == null || !ErrorCode.CODE_PATTERN.matcher(code).matches()) {
                violations.add(constant.name() + ": code '" + code + "' does not match " + ErrorCode.CODE_PATTERN);
            } else {
                E previous = seen.putIfAbsent(code, constant);
                if (previous != null) {
                    violations.add(constant.name() + ": code '" + code + "' is also used by " + previous.name());
                }
            }
            if (constant.title() == null || constant.title().isBlank()) {
                violations.add(constant.name() + ": title is blank");
            }
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException(type.getName() + " has invalid error codes: " + String.join("; ", violations));
        }
    }
}
