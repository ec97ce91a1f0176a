package dev.tessera.checkout.domain;

import dev.tessera.runtime.error.FieldError;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects every invalid field of a request, then fails once with all of them (400 validation_failed). */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation require(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            require(!required, field, "must not be blank");
        } else {
            require(value.length() <= max, field, "must be at most " + max + " characters");
        }
        return this;
    }

    public Validation absent(Object value, String field, String why) {
        return require(value == null, field, "must not be set " + why);
    }

    public Validation currency(String currency, String field) {
        if (currency == null) {
            errors.add(new FieldError(field, "must not be null"));
            return this;
        }
        try {
            Money.zero(currency);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be an ISO 4217 currency code such as EUR"));
        }
        return this;
    }

    public <T> Validation each(List<T> values, String field, Predicate<T> valid, String message) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (!valid.test(values.get(i))) {
                    errors.add(new FieldError(field + "[" + i + "]", message));
                }
            }
        }
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw ProblemException.validation(detail, errors);
        }
    }
}
