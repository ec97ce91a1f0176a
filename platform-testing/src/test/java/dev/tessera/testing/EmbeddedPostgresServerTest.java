package dev.tessera.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @Test
    void keptDataSurvivesARestartAndCloseLeavesItInPlace(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("elsewhere.log");
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
                .keepData(directory.resolve("postgres"))
                .logFile(log)
                .durable()
                .listenAddress("127.0.0.1")
                .start()) {
            port = server.port();
            assertThat(server.jdbcUrl("kept")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/kept");
            assertThat(server.postmaster()).isPresent();
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "full_page_writes")).isEqualTo("on");
            server.createDatabase("kept");
            execute(server.jdbcUrl("kept"), "create table survivor (id int primary key); insert into survivor values (7)");
        }
        assertThat(directory.resolve("postgres/data/postgresql.conf")).exists();
        assertThat(log).isNotEmptyFile();

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.builder()
                .keepData(directory.resolve("postgres"))
                .port(port)
                .logFile(log)
                .start()) {
            assertThat(again.port()).isEqualTo(port);
            again.createDatabase("kept");
            try (Connection connection = DriverManager.getConnection(again.jdbcUrl("kept"), again.username(), again.password());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select id from survivor")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void theTestServerIsThrowaway() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        Path directory = server.directory();
        try {
            assertThat(setting(server, "fsync")).isEqualTo("off");
            assertThat(directory.resolve("postgres.owned-pid")).exists();
        } finally {
            server.close();
        }
        assertThat(directory).doesNotExist();
    }

    private static String setting(EmbeddedPostgresServer server, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USERNAME,
                EmbeddedPostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
