package dev.tessera.runtime.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the relay when a transaction that wrote to the outbox has committed. Many wakes fold into one. */
@ApplicationScoped
public class RelaySignal {

    private final Semaphore permits = new Semaphore(0);

    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits for a wake-up or the timeout, whichever comes first. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return woken;
    }
}
