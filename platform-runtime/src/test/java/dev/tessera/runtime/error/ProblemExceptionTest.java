package dev.tessera.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void factoriesCarryTheirPlatformCode() {
        assertThat(ProblemException.badRequest("d").errorCode()).isEqualTo(PlatformErrorCode.BAD_REQUEST);
        assertThat(ProblemException.unauthenticated("d").errorCode()).isEqualTo(PlatformErrorCode.UNAUTHENTICATED);
        assertThat(ProblemException.forbidden("d").errorCode()).isEqualTo(PlatformErrorCode.FORBIDDEN);
        assertThat(ProblemException.notFound("d").errorCode()).isEqualTo(PlatformErrorCode.NOT_FOUND);
        assertThat(ProblemException.conflict("d").errorCode()).isEqualTo(PlatformErrorCode.CONFLICT);
        assertThat(ProblemException.unprocessable("d").errorCode()).isEqualTo(PlatformErrorCode.UNPROCESSABLE);
        assertThat(ProblemException.serviceUnavailable("d").errorCode())
                .isEqualTo(PlatformErrorCode.SERVICE_UNAVAILABLE);
        assertThat(ProblemException.of(PlatformErrorCode.CONFLICT, "d").detail()).isEqualTo("d");
    }

    @Test
    void messageNamesCodeAndDetailForLogs() {
        assertThat(ProblemException.notFound("no seller s1")).hasMessage("not_found: no seller s1");
        assertThat(new ProblemException(PlatformErrorCode.CONFLICT, null)).hasMessage("conflict");
    }

    @Test
    void keepsTheCauseForLogsOnly() {
        IllegalStateException cause = new IllegalStateException("SELECT secret FROM x");
        ProblemException exception = new ProblemException(PlatformErrorCode.BAD_GATEWAY, "Stripe failed", cause);
        assertThat(exception.getCause()).isSameAs(cause);
        assertThat(exception.toProblem("/p").detail()).isEqualTo("Stripe failed");
    }

    @Test
    void validationCarriesFieldErrors() {
        ProblemException exception = ProblemException.invalidField("limit", "must be at most 100");
        assertThat(exception.errorCode()).isEqualTo(PlatformErrorCode.VALIDATION_FAILED);
        assertThat(exception.fieldErrors()).containsExactly(new FieldError("limit", "must be at most 100"));
        assertThat(exception.toProblem("/p").errors()).containsExactly(new FieldError("limit", "must be at most 100"));
    }

    @Test
    void withAddsExtensionMembersWithoutChangingTheOriginal() {
        ProblemException original = ProblemException.conflict("sold out");
        ProblemException extended = original.with("remaining", 0).with("offeringId", "off_1");
        assertThat(original.properties()).isEmpty();
        assertThat(extended.properties()).containsExactly(Map.entry("remaining", 0), Map.entry("offeringId", "off_1"));
        assertThat(extended.toProblem("/p").extensions()).containsEntry("offeringId", "off_1");
        assertThat(extended.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(extended.withFieldErrors(List.of(new FieldError("a", "b"))).fieldErrors()).hasSize(1);
    }

    @Test
    void rejectsReservedPropertyNamesWhereTheExceptionIsBuilt() {
        assertThatThrownBy(() -> ProblemException.conflict("x").with("status", 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemException(PlatformErrorCode.CONFLICT, "x", List.of(),
                Map.of("code", "other"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresAnErrorCode() {
        assertThatThrownBy(() -> new ProblemException(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
