package dev.tessera.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import dev.tessera.testing.FileTrees;

/**
 * The local suite's identity provider: one RSA key pair generated on first use into {@code .local/jwt/}, whose
 * public half every service trusts ({@code TESSERA_JWT_PUBLIC_KEY}), and RS256 tokens signed with the private half,
 * with the claims Tessera's services read (as platform-testing's {@code TestJwt} mints them for tests).
 */
final class LocalIdentity {

    static final String ISSUER = "https://tessera.local/issuer";
    static final String SELLER_IDS_CLAIM = "seller_ids";
    /** What platform-runtime's {@code Caller.email()} reads. */
    static final String EMAIL_CLAIM = "email";
    static final Set<String> ROLES = Set.of("ops", "finance", "member", "seller");
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private static final String PRIVATE_KEY_FILE = "private.pem";
    private static final String PUBLIC_KEY_FILE = "public.pem";

    private final Path directory;

    LocalIdentity(Path directory) {
        this.directory = directory;
    }

    /** The PEM file services are given as {@code TESSERA_JWT_PUBLIC_KEY}; creates the key pair on first use. */
    Path publicKeyFile() {
        ensureKeyPair();
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    /**
     * A signed token. Claims: {@code iss}, {@code sub} and {@code upn} = the user, {@code groups} = the roles
     * (MicroProfile JWT maps them to {@code @RolesAllowed}), {@code seller_ids} when given, {@code iat},
     * {@code exp}, a random {@code jti}.
     */
    String token(String subject, List<String> roles, List<String> sellerIds, Duration lifetime) {
        return token(subject, roles, sellerIds, lifetime, null);
    }

    /** {@link #token(String, List, List, Duration)} with an {@code email} claim too, when {@code email} is not null. */
    String token(String subject, List<String> roles, List<String> sellerIds, Duration lifetime, String email) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new CliException("Unknown role '" + role + "'; use one of ops, finance, member, seller");
            }
        }
        if (roles.contains("seller") && sellerIds.isEmpty()) {
            throw new CliException("A seller token needs the sellers it may act for: --seller-ids s1,s2");
        }
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(new LinkedHashSet<>(roles))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString());
        if (!sellerIds.isEmpty()) {
            claims.claim(SELLER_IDS_CLAIM, List.copyOf(sellerIds));
        }
        if (email != null) {
            claims.claim(EMAIL_CLAIM, email);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(privateKey());
    }

    private PrivateKey privateKey() {
        ensureKeyPair();
        Path file = directory.resolve(PRIVATE_KEY_FILE);
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CliException("Cannot read the signing key " + file + " (" + e.getMessage()
                    + "); delete " + directory + " to generate a new pair", e);
        }
    }

    /** Generates the pair once; later calls find it. The private key file is readable by its owner only. */
    private synchronized void ensureKeyPair() {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return;
        }
        FileTrees.createDirectories(directory);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no RSA key generator", e);
        }
        writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static void writeOwnerOnly(Path file, String content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void write(Path file, String content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
