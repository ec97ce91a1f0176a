package dev.tessera.runtime.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tessera.messaging")
public interface MessagingConfig {

    /** Tries of a failing message, the first included, before it goes to the dead-letter topic. */
    @WithDefault("4")
    int maxAttempts();

    /** Pause after the first failed try; doubles after each. */
    @WithDefault("PT0.2S")
    Duration retryBackoff();
}
