package dev.tessera.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    enum Broken implements ErrorCode {
        OK_ONE(409, "svc.ok_one", "Fine"),
        BAD_STATUS(200, "svc.bad_status", "Not an error"),
        BAD_CODE(400, "Svc.Bad-Code", "Bad code"),
        DUPLICATE(400, "svc.ok_one", "Duplicate"),
        NO_TITLE(400, "svc.no_title", " ");

        private final Spec spec;

        Broken(int status, String code, String title) {
            this.spec = new Spec(status, code, title);
        }

        @Override
        public Spec spec() {
            return spec;
        }
    }

    @Test
    void platformCodesAreValid() {
        assertThatCode(() -> ErrorCodes.verify(PlatformErrorCode.class)).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryViolation() {
        assertThatThrownBy(() -> ErrorCodes.verify(Broken.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BAD_STATUS")
                .hasMessageContaining("BAD_CODE")
                .hasMessageContaining("DUPLICATE: code 'svc.ok_one' is also used by OK_ONE")
                .hasMessageContaining("NO_TITLE")
                .message().doesNotContain("OK_ONE:");
    }

    @Test
    void platformCodesCoverTheBriefedStatuses() {
        assertThat(PlatformErrorCode.VALIDATION_FAILED.httpStatus()).isEqualTo(400);
        assertThat(PlatformErrorCode.MALFORMED_JSON.httpStatus()).isEqualTo(400);
        assertThat(PlatformErrorCode.UNAUTHENTICATED.httpStatus()).isEqualTo(401);
        assertThat(PlatformErrorCode.FORBIDDEN.httpStatus()).isEqualTo(403);
        assertThat(PlatformErrorCode.NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(PlatformErrorCode.METHOD_NOT_ALLOWED.httpStatus()).isEqualTo(405);
        assertThat(PlatformErrorCode.NOT_ACCEPTABLE.httpStatus()).isEqualTo(406);
        assertThat(PlatformErrorCode.CONFLICT.httpStatus()).isEqualTo(409);
        assertThat(PlatformErrorCode.PAYLOAD_TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE.httpStatus()).isEqualTo(415);
        assertThat(PlatformErrorCode.UNPROCESSABLE.httpStatus()).isEqualTo(422);
        assertThat(PlatformErrorCode.SERVICE_UNAVAILABLE.httpStatus()).isEqualTo(503);
        assertThat(PlatformErrorCode.INTERNAL.httpStatus()).isEqualTo(500);
        assertThat(PlatformErrorCode.forStatus(400)).contains(PlatformErrorCode.BAD_REQUEST);
    }
}
