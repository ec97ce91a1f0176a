package dev.tessera.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The resources of every notification test, declared once so that all test classes share one application start:
 * real PostgreSQL and Kafka, and a real SMTP server (GreenMail) the application sends to.
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(NotificationTestResources.Smtp.class)
public final class NotificationTestResources {

    private NotificationTestResources() {
    }

    /** GreenMail on a free port; tests stop and start it to simulate an SMTP outage. */
    public static final class Smtp implements QuarkusTestResourceLifecycleManager {

        private static volatile ServerSetup setup;
        private static volatile GreenMail server;

        public static GreenMail server() {
            return server;
        }

        /** Stops the SMTP server: connections are refused until {@link #restart()}. Received mail is lost. */
        public static synchronized void stopServer() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }

        /** Starts a fresh SMTP server on the same port. */
        public static synchronized void restart() {
            stopServer();
            server = new GreenMail(setup);
            server.start();
        }

        @Override
        public Map<String, String> start() {
            ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            smtp.setServerStartupTimeout(10_000);
            setup = smtp;
            restart();
            return Map.of("quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(setup.getPort()),
                    "quarkus.mailer.mock", "false");
        }

        @Override
        public void stop() {
            stopServer();
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
