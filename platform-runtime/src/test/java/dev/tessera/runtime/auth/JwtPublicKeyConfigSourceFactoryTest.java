package dev.tessera.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtPublicKeyConfigSourceFactoryTest {

    private static String rsaBase64;
    private static String rsaPem;
    private static String ecBase64;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaBase64 = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
        rsaPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(Base64.getDecoder().decode(rsaBase64)) + "\n-----END PUBLIC KEY-----\n";
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecBase64 = Base64.getEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded());
    }

    @Test
    void pemTextBecomesTheKeyItself() {
        SmallRyeConfig config = config(env(rsaPem), Map.of());
        assertThat(config.getConfigValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY).getValue())
                .isEqualTo(rsaPem.strip());
        assertThat(config.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, String.class))
                .isEmpty();
        assertThat(config.getConfigValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY).getConfigSourceOrdinal())
                .isEqualTo(JwtPublicKeyConfigSourceFactory.ORDINAL);
    }

    @Test
    void pemWithEscapedNewlinesGetsRealOnes() {
        String escaped = rsaPem.strip().replace("\n", "\\n");
        SmallRyeConfig config = config(env(escaped), Map.of());
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY)).isEqualTo(rsaPem.strip());
    }

    @Test
    void bareBase64KeysBecomeTheKeyItself() {
        assertThat(config(env(rsaBase64), Map.of()).getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY))
                .isEqualTo(rsaBase64);
        assertThat(config(env(ecBase64), Map.of()).getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY))
                .isEqualTo(ecBase64);
    }

    @Test
    void jwkSetsBecomeTheKeyItself() {
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"abc\",\"e\":\"AQAB\"}]}";
        assertThat(config(env(jwks), Map.of()).getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY))
                .isEqualTo(jwks);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/run/secrets/jwt-public.pem", "/etc/tessera/jwtpublickey", "keys/public.pem",
            "file:/etc/tessera/jwt.pem", "classpath:jwt/public.pem", "https://auth.tessera.dev/jwks.json",
            "publicKey.pem", "C:\\keys\\jwt.pem" })
    void anythingElseIsALocation(String location) {
        SmallRyeConfig config = config(env(location), Map.of());
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION)).isEqualTo(location);
        assertThat(config.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY, String.class)).isEmpty();
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(config(env("  /run/secrets/jwt.pem\n"), Map.of())
                .getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION)).isEqualTo("/run/secrets/jwt.pem");
    }

    @Test
    void unsetOrBlankContributesNothing() {
        SmallRyeConfig unset = config(Map.of(), Map.of());
        assertThat(unset.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY, String.class)).isEmpty();
        assertThat(unset.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, String.class)).isEmpty();
        SmallRyeConfig blank = config(env("  "), Map.of());
        assertThat(blank.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, String.class)).isEmpty();
    }

    @Test
    void anExplicitLocationInTheEnvironmentWins() {
        Map<String, String> env = env(rsaPem);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/explicit.pem");
        SmallRyeConfig config = config(env, Map.of());
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION)).isEqualTo("/explicit.pem");
        // Not a second key for smallrye-jwt to arbitrate between.
        assertThat(config.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY, String.class)).isEmpty();
    }

    @Test
    void anExplicitKeyInApplicationPropertiesWins() {
        SmallRyeConfig config = config(env("/run/secrets/jwt.pem"),
                Map.of(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY, rsaBase64));
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY)).isEqualTo(rsaBase64);
        assertThat(config.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, String.class))
                .isEmpty();
    }

    @Test
    void anExplicitSmallryeLocationWins() {
        SmallRyeConfig config = config(env(rsaPem),
                Map.of(JwtPublicKeyConfigSourceFactory.SMALLRYE_KEY_LOCATION, "classpath:other.pem"));
        assertThat(config.getOptionalValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY, String.class)).isEmpty();
    }

    @Test
    void explicitSettingsOfAnotherProfileDoNotCount() {
        SmallRyeConfig config = config(env("/run/secrets/jwt.pem"),
                Map.of("%test." + JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, "classpath:test-key.pem"));
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION))
                .isEqualTo("/run/secrets/jwt.pem");
    }

    @Test
    void explicitSettingsOfTheActiveProfileWin() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("test")
                .withSources(new EnvConfigSource(env("/run/secrets/jwt.pem"), 300))
                .withSources(new PropertiesConfigSource(
                        Map.of("%test." + JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION, "classpath:test-key.pem"),
                        "application.properties", 250))
                .withSources(new JwtPublicKeyConfigSourceFactory())
                .build();
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION))
                .isEqualTo("classpath:test-key.pem");
    }

    @Test
    void thePropertyFormWorksForTestProfiles() {
        SmallRyeConfig config = config(Map.of(), Map.of(JwtPublicKeyConfigSourceFactory.PROPERTY, "classpath:k.pem"));
        assertThat(config.getRawValue(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION)).isEqualTo("classpath:k.pem");
    }

    @Test
    void isRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(ConfigSourceFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(JwtPublicKeyConfigSourceFactory.class);
    }

    private static Map<String, String> env(String value) {
        Map<String, String> env = new HashMap<>();
        env.put(JwtPublicKeyConfigSourceFactory.ENV_VARIABLE, value);
        return env;
    }

    /** Environment variables at 300 and application.properties at 250, as in Quarkus. */
    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> applicationProperties) {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .withSources(new JwtPublicKeyConfigSourceFactory())
                .build();
    }
}
