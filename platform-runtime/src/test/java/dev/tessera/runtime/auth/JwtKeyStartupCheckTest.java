package dev.tessera.runtime.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeyStartupCheckTest {

    @TempDir
    Path dir;

    @Test
    void acceptsAReadableKeyFile() throws Exception {
        Path key = Files.writeString(dir.resolve("jwt.pem"), "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n");
        assertThatCode(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, key.toString())))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, "file:" + key)))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAMissingKeyFileNamingTheVariable() {
        String missing = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, missing)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing)
                .hasMessageContaining("TESSERA_JWT_PUBLIC_KEY");
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, "file:" + missing)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.SMALLRYE_KEY_LOCATION, missing)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsADirectory() {
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, dir.toString())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void checksClasspathLocations() {
        assertThatCode(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION,
                "classpath:META-INF/services/io.smallrye.config.ConfigSourceFactory"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION,
                "classpath:no/such/key.pem"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavesRemoteLocationsToSmallrye() {
        assertThatCode(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION,
                "https://auth.example/jwks.json"))).doesNotThrowAnyException();
    }

    @Test
    void rejectsTruncatedPem() {
        assertThatThrownBy(() -> check(Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY,
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
    }

    @Test
    void noKeyIsOnlyAWarning() {
        assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void skipsWhenJwtIsDisabled() {
        assertThatCode(() -> check(Map.of("quarkus.smallrye-jwt.enabled", "false",
                JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, "/no/such/file"))).doesNotThrowAnyException();
    }

    private static void check(Map<String, String> properties) {
        new JwtKeyStartupCheck(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250)).build()).verify();
    }
}
