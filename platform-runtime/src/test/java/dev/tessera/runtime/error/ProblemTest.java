package dev.tessera.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void typeIsDerivedFromTheCode() {
        Problem problem = Problem.of(PlatformErrorCode.NOT_FOUND, "no such seller", "/sellers/s1");
        assertThat(problem.type()).isEqualTo("https://tessera.dev/problems/not_found");
        assertThat(problem.title()).isEqualTo("Not found");
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.code()).isEqualTo("not_found");
        assertThat(problem.instance()).isEqualTo("/sellers/s1");
    }

    @Test
    void omitsNullMembersAndEmptyErrors() throws Exception {
        Problem problem = Problem.of(PlatformErrorCode.CONFLICT, null, null).withErrors(List.of());
        assertThat(mapper.writeValueAsString(problem)).isEqualTo("{\"type\":\"https://tessera.dev/problems/conflict\","
                + "\"title\":\"Conflict\",\"status\":409,\"code\":\"conflict\"}");
    }

    @Test
    void writesErrorsAndExtensionsAtTheTopLevel() throws Exception {
        Problem problem = Problem.of(PlatformErrorCode.VALIDATION_FAILED, "1 value in the request is invalid.", "/x")
                .withErrors(List.of(new FieldError("items[0].quantity", "must be greater than 0")))
                .withExtension("errorId", "abc");
        JsonNode json = mapper.readTree(mapper.writeValueAsString(problem));
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("items[0].quantity");
        assertThat(json.get("errors").get(0).get("message").asText()).isEqualTo("must be greater than 0");
        assertThat(json.get("errorId").asText()).isEqualTo("abc");
        assertThat(json.has("extensions")).isFalse();
        assertThat(json.get("detail").asText()).isEqualTo("1 value in the request is invalid.");
    }

    @Test
    void extensionsCannotShadowStandardMembers() {
        Problem problem = Problem.of(PlatformErrorCode.CONFLICT, null, null);
        for (String reserved : Problem.RESERVED_MEMBERS) {
            assertThatThrownBy(() -> problem.withExtension(reserved, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void requiresAnErrorStatus() {
        assertThatThrownBy(() -> new Problem("t", "t", 200, null, null, "c", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullExtensionValuesAreDropped() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("a", null);
        extensions.put("b", 1);
        Problem problem = new Problem("t", "t", 400, null, null, "c", null, extensions);
        assertThat(problem.extensions()).containsOnlyKeys("b");
    }

    @Test
    void mapperSerialisesJavaTimeExtensionsAsIsoText() throws Exception {
        Problem problem = Problem.of(PlatformErrorCode.TOO_MANY_REQUESTS, null, null)
                .withExtension("retryAt", Instant.parse("2026-11-01T00:00:00Z"));
        JsonNode json = mapper.readTree(ProblemExceptionMappers.serialize(problem));
        assertThat(json.get("retryAt").asText()).isEqualTo("2026-11-01T00:00:00Z");
    }

    @Test
    void unserialisableExtensionsAreDroppedButErrorIdKept() throws Exception {
        Problem problem = Problem.of(PlatformErrorCode.INTERNAL, "x", "/p").withExtension("errorId", "id-1")
                .withExtension("bad", new Object() {
                    @SuppressWarnings("unused")
                    public String getValue() {
                        throw new IllegalStateException("boom");
                    }
                });
        JsonNode json = mapper.readTree(ProblemExceptionMappers.serialize(problem));
        assertThat(json.get("errorId").asText()).isEqualTo("id-1");
        assertThat(json.has("bad")).isFalse();
        assertThat(json.get("code").asText()).isEqualTo("internal");
    }
}
