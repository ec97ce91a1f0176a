package dev.tessera.deploy;

/** Thread.sleep for polling loops, turning an interrupt (Ctrl-C during startup) into an unchecked failure. */
final class Sleep {

    private Sleep() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }
}
