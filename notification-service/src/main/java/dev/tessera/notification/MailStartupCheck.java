package dev.tessera.notification;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says loudly at startup when a production build only mocks mail (the local suite's default): the delivery log
 * then records messages as SENT that nobody received.
 */
@ApplicationScoped
class MailStartupCheck {

    private static final Logger LOG = Logger.getLogger(MailStartupCheck.class);

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock,
                 @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
                 NotificationConfig config) {
        if (mock && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("quarkus.mailer.mock is true: e-mail is NOT sent, only recorded (read it at GET /dev/inbox). "
                    + "Set QUARKUS_MAILER_MOCK=false and QUARKUS_MAILER_HOST/PORT/USERNAME/PASSWORD to send.");
        } else if (!mock) {
            LOG.infof("sending e-mail through SMTP at %s", host);
        }
        if (config.devInbox().open() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("GET /dev/inbox is open without a token (tessera.notification.dev-inbox.open=true)");
        }
    }
}
