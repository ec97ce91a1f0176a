package dev.tessera.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresAdminTest {

    @Test
    void replacesTheDatabaseAndKeepsHostsAndParameters() {
        assertThat(PostgresAdmin.databaseUrl("jdbc:postgresql://db:5432/postgres", "ingest"))
                .isEqualTo("jdbc:postgresql://db:5432/ingest");
        assertThat(PostgresAdmin.databaseUrl("jdbc:postgresql://a:5432,b:5433/postgres?sslmode=require&x=y", "ledger"))
                .isEqualTo("jdbc:postgresql://a:5432,b:5433/ledger?sslmode=require&x=y");
        assertThat(PostgresAdmin.databaseUrl("jdbc:postgresql://db", "risk")).isEqualTo("jdbc:postgresql://db/risk");
        assertThat(PostgresAdmin.databaseUrl("jdbc:postgresql://db/?ssl=true", "risk"))
                .isEqualTo("jdbc:postgresql://db/risk?ssl=true");
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> PostgresAdmin.requireValidName("Ingest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresAdmin.requireValidName("a\"; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresAdmin.requireValidName("x".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresAdmin.databaseUrl("jdbc:mysql://db/x", "ingest"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PostgresAdmin.requireValidName("notification_2")).isEqualTo("notification_2");
    }
}
