package dev.tessera.runtime.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lets every service take its JWT verification key from one variable, {@code TESSERA_JWT_PUBLIC_KEY}, whether the
 * deployment provides the key itself or a path to it. smallrye-jwt needs to be told which: key text goes to
 * {@code mp.jwt.verify.publickey}, a location (file path, {@code file:}, {@code classpath:} or {@code https:} URL) to
 * {@code mp.jwt.verify.publickey.location}. This factory, registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}, makes that choice:
 * <ul>
 * <li>PEM text ({@code -----BEGIN ...}), a JWK or JWK set ({@code {...}}) or a bare base64 DER key becomes
 * {@code mp.jwt.verify.publickey}; PEM with literal {@code \n} sequences (as some secret stores deliver it) gets real
 * line breaks;</li>
 * <li>anything else becomes {@code mp.jwt.verify.publickey.location}.</li>
 * </ul>
 *
 * <p>An explicit {@code mp.jwt.verify.publickey}, {@code mp.jwt.verify.publickey.location} or
 * {@code smallrye.jwt.verify.key.location} in any source (for the active profile) always wins: the factory then
 * contributes nothing, so there is never a second key for smallrye-jwt to arbitrate. The produced source has ordinal
 * {@value #ORDINAL}: below system properties (400) and environment variables (300), above
 * {@code application.properties} (250).
 *
 * <p>The variable can also be given as the property {@code tessera.jwt.public-key} (e.g. in a test profile).
 */
public final class JwtPublicKeyConfigSourceFactory implements ConfigSourceFactory {

    public static final String ENV_VARIABLE = "TESSERA_JWT_PUBLIC_KEY";
    public static final String PROPERTY = "tessera.jwt.public-key";
    public static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    /** smallrye-jwt's own alias for the location, which takes precedence over the MicroProfile name. */
    public static final String SMALLRYE_KEY_LOCATION = "smallrye.jwt.verify.key.location";
    public static final int ORDINAL = 275;
    static final String SOURCE_NAME = "TesseraJwtPublicKeyConfigSource";

    /** Base64 alphabet (standard and URL-safe) plus padding and line breaks, nothing else. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_\\-=\\s]+");
    /** The smallest public key we accept, an EC P-256 SubjectPublicKeyInfo, is 91 bytes (124 base64 characters). */
    private static final int MIN_BASE64_KEY_LENGTH = 100;

    /** Which smallrye-jwt property a value of {@code TESSERA_JWT_PUBLIC_KEY} belongs in. */
    enum KeyForm {
        CONTENT, LOCATION
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String raw = firstNonBlank(context, ENV_VARIABLE, PROPERTY);
        if (raw == null) {
            return List.of();
        }
        if (firstNonBlank(context, PUBLIC_KEY, PUBLIC_KEY_LOCATION, SMALLRYE_KEY_LOCATION) != null) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(properties(raw), SOURCE_NAME, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The smallrye-jwt configuration for a value of {@code TESSERA_JWT_PUBLIC_KEY}. */
    static Map<String, String> properties(String raw) {
        String value = raw.strip();
        return switch (classify(value)) {
            case CONTENT -> Map.of(PUBLIC_KEY, normalizeContent(value));
            case LOCATION -> Map.of(PUBLIC_KEY_LOCATION, value);
        };
    }

    static KeyForm classify(String value) {
        String stripped = value.strip();
        if (stripped.startsWith("-----BEGIN") || stripped.startsWith("{") || isBareBase64Key(stripped)) {
            return KeyForm.CONTENT;
        }
        return KeyForm.LOCATION;
    }

    /**
     * True for base64 (or base64url) text that decodes to a DER structure of plausible key size. A DER
     * SubjectPublicKeyInfo starts with a SEQUENCE tag (0x30), which no file path decodes to by accident, and paths
     * typically contain '.', ':' or are far shorter than any key.
     */
    private static boolean isBareBase64Key(String value) {
        if (value.length() < MIN_BASE64_KEY_LENGTH || !BASE64.matcher(value).matches()) {
            return false;
        }
        String compact = value.replaceAll("\\s", "");
        try {
            byte[] der = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact)
                    : Base64.getDecoder().decode(compact);
            return der.length > 0 && der[0] == 0x30;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static String normalizeContent(String value) {
        // "\n" typed into a single-line secret store arrives as two characters; PEM parsing needs real newlines.
        return value.startsWith("-----BEGIN") ? value.replace("\\r", "").replace("\\n", "\n") : value;
    }

    private static String firstNonBlank(ConfigSourceContext context, String... names) {
        for (String name : names) {
            ConfigValue value = context.getValue(name);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return value.getValue();
            }
        }
        return null;
    }
}
