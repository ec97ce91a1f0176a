package dev.tessera.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Main class of a throwaway JVM for {@link ExternalInfraTest}: uses TesseraInfra with external servers
 * named by system properties, and prints what it saw.
 */
public final class ExternalInfraProbe {

    private ExternalInfraProbe() {
    }

    public static void main(String[] args) throws Exception {
        TesseraInfra infra = TesseraInfra.get();
        String url = infra.jdbcUrl("external_probe");
        try (Connection connection = PostgresAdmin.connect(url, infra.username(), infra.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_database()")) {
            result.next();
            System.out.println("database=" + result.getString(1));
        }
        System.out.println("url=" + url);
        System.out.println("postgresEmbedded=" + infra.isPostgresEmbedded());
        System.out.println("kafka=" + infra.kafkaBootstrapServers());
        System.out.println("kafkaEmbedded=" + infra.isKafkaEmbedded());
        try {
            infra.kafka();
            System.out.println("kafka()=returned");
        } catch (IllegalStateException e) {
            System.out.println("kafka()=refused");
        }
        System.exit(0);
    }
}
