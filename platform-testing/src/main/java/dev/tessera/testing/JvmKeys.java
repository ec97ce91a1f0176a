package dev.tessera.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The JVM's test signing key. Reached through {@link JvmWide}, so the key a Quarkus application was told
 * to trust (by {@link TesseraTestResource}) is the key tokens are signed with, whichever class loader
 * mints them.
 */
final class JvmKeys {

    private JvmKeys() {
    }

    /** Called through {@link JvmWide#call}; {@code KeyPair} is a JDK type and crosses class loaders. */
    static KeyPair signingKey() {
        return Holder.SIGNING_KEY;
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no RSA key generator", e);
        }
    }

    // Lazy and thread-safe through class initialization.
    private static final class Holder {
        static final KeyPair SIGNING_KEY = generate();
    }
}
