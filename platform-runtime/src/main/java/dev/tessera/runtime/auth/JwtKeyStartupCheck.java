package dev.tessera.runtime.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Fails startup when the configured JWT verification key cannot work, instead of letting the service come up healthy
 * and reject every token: smallrye-jwt reads the key only when the first token arrives and then merely logs why it
 * failed. Checked: a key file that does not exist or cannot be read, a classpath resource that is missing, and PEM
 * text that was cut off (a common result of pasting multi-line values into environment variables). Remote key
 * locations (http, https) are not fetched here. A service without any key only gets a warning, because not every
 * service has JWT-protected endpoints in every profile.
 */
@Singleton
public class JwtKeyStartupCheck {

    private static final Logger LOG = Logger.getLogger(JwtKeyStartupCheck.class);

    private final Config config;

    @Inject
    public JwtKeyStartupCheck(Config config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        verify();
    }

    /** @throws IllegalStateException naming the setting to fix */
    public void verify() {
        if (!config.getOptionalValue("quarkus.smallrye-jwt.enabled", Boolean.class).orElse(true)) {
            return;
        }
        Optional<String> content = value(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY);
        Optional<String> location = value(JwtPublicKeyConfigSourceFactory.SMALLRYE_KEY_LOCATION)
                .or(() -> value(JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION));
        if (content.isPresent()) {
            verifyContent(content.get());
        } else if (location.isPresent()) {
            verifyLocation(location.get());
        } else {
            LOG.warnf("No JWT verification key is configured (set %s); every bearer token will be rejected",
                    JwtPublicKeyConfigSourceFactory.ENV_VARIABLE);
        }
    }

    private static void verifyContent(String content) {
        String text = content.strip();
        if (text.startsWith("-----BEGIN") && !text.contains("-----END")) {
            throw new IllegalStateException("The JWT public key (" + JwtPublicKeyConfigSourceFactory.ENV_VARIABLE
                    + " or " + JwtPublicKeyConfigSourceFactory.PUBLIC_KEY + ") is PEM text without its -----END line; "
                    + "it was probably truncated");
        }
    }

    private static void verifyLocation(String location) {
        if (location.startsWith("http:") || location.startsWith("https:")) {
            return;
        }
        if (location.startsWith("classpath:")) {
            requireClasspathResource(location, location.substring("classpath:".length()));
            return;
        }
        if (location.startsWith("file:")) {
            requireReadableFile(location, location.substring("file:".length()));
            return;
        }
        // Without a scheme smallrye-jwt tries the file system first, then the classpath.
        if (!isReadableFile(location) && classpathResource(location) == null) {
            throw unusable(location, "is neither a readable file nor a classpath resource");
        }
    }

    private static void requireReadableFile(String location, String path) {
        if (!isReadableFile(path)) {
            throw unusable(location, "is not a readable file");
        }
    }

    private static void requireClasspathResource(String location, String resource) {
        if (classpathResource(resource) == null) {
            throw unusable(location, "is not on the classpath");
        }
    }

    private static boolean isReadableFile(String path) {
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file) && Files.isReadable(file);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static java.net.URL classpathResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : JwtKeyStartupCheck.class.getClassLoader()).getResource(name);
    }

    private static IllegalStateException unusable(String location, String reason) {
        return new IllegalStateException("The JWT public key location '" + location + "' (from "
                + JwtPublicKeyConfigSourceFactory.ENV_VARIABLE + " or "
                + JwtPublicKeyConfigSourceFactory.PUBLIC_KEY_LOCATION + ") " + reason);
    }

    private Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class).map(String::strip).filter(v -> !v.isEmpty())
                .filter(v -> !"NONE".equals(v));
    }
}
