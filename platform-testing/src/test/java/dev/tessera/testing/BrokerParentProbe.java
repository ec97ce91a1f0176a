package dev.tessera.testing;

/** Main class of a throwaway JVM for {@link OrphanCleanupTest}: starts a broker, reports it, then waits to be killed. */
public final class BrokerParentProbe {

    static final String READY = "BROKER-READY ";

    private BrokerParentProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = new KafkaBroker().start();
        System.out.println(READY + broker.directory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
