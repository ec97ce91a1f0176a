package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalInfraTest {

    /**
     * Another JVM is pointed at this JVM's servers as if they were external ones: it must create its database
     * there, start nothing of its own, and refuse to hand out a broker it does not own.
     */
    @Test
    @Timeout(60)
    void usesExternalServersWhenConfigured() throws Exception {
        TesseraInfra infra = TesseraInfra.get();
        String serverUrl = infra.jdbcUrl("postgres") + "?ApplicationName=external-probe";

        Process probe = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-D" + TesseraInfra.JDBC_URL_ENV + "=" + serverUrl,
                "-D" + TesseraInfra.JDBC_USERNAME_ENV + "=" + infra.username(),
                "-D" + TesseraInfra.JDBC_PASSWORD_ENV + "=" + infra.password(),
                "-D" + TesseraInfra.KAFKA_BOOTSTRAP_SERVERS_ENV + "=" + infra.kafkaBootstrapServers(),
                "-cp", System.getProperty("java.class.path"), ExternalInfraProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("database=external_probe")
                .contains("url=" + infra.jdbcUrl("external_probe") + "?ApplicationName=external-probe")
                .contains("postgresEmbedded=false")
                .contains("kafka=" + infra.kafkaBootstrapServers())
                .contains("kafkaEmbedded=false")
                .contains("kafka()=refused");
    }
}
