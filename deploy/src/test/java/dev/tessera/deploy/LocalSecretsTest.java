package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path directory;

    @Test
    void secretsAreGeneratedOnceOwnerReadableAndSourceable() throws Exception {
        Path file = directory.resolve("secrets.env");

        LocalSecrets first = LocalSecrets.loadOrCreate(file);
        LocalSecrets second = LocalSecrets.loadOrCreate(file);

        assertThat(second).isEqualTo(first);
        assertThat(first.webhookSecret()).startsWith("whsec_").isNotEqualTo(first.connectWebhookSecret());
        assertThat(Files.readAllLines(file)).contains("STRIPE_WEBHOOK_SECRET=" + first.webhookSecret(),
                "STRIPE_CONNECT_WEBHOOK_SECRET=" + first.connectWebhookSecret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
