package dev.tessera.deploy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Makes a PostgreSQL server die with this JVM. {@code pg_ctl} detaches the postmaster, so a killed JVM would leave it
 * running; this is {@code sh -c 'read line; kill -INT <postmaster>'} with this JVM holding the shell's stdin:
 * {@code read} returns at end of input, that is when this JVM has died, however it died, and SIGINT is PostgreSQL's
 * fast shutdown. About a megabyte of memory, against a JVM's hundreds.
 *
 * <p>Public for the end-to-end harness of e2e-tests, whose embedded PostgreSQL gets the same watchdog.
 */
public final class PostmasterWatchdog {

    private final Process shell;

    private PostmasterWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Starts the watchdog of {@code postmaster}.
     *
     * @throws IOException if the shell cannot be started
     */
    public static PostmasterWatchdog start(ProcessHandle postmaster) throws IOException {
        String script = "read -r ignored; kill -INT " + postmaster.pid() + " 2>/dev/null";
        return new PostmasterWatchdog(new ProcessBuilder("sh", "-c", script)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** The shell, for a pid record. */
    public ProcessHandle handle() {
        return shell.toHandle();
    }

    /** Ends the watchdog without letting it stop the server, before the server is stopped the orderly way. */
    public void dismiss() {
        // Killed first and its pipe closed only afterwards: a closed pipe is its signal to stop PostgreSQL, which
        // must not race pg_ctl's own orderly stop. (Process.destroy() would close the pipe too early.)
        shell.toHandle().destroy();
        try {
            shell.waitFor(5, TimeUnit.SECONDS);
            shell.getOutputStream().close();
        } catch (IOException e) {
            // It is gone either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
