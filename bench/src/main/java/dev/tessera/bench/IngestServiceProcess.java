package dev.tessera.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * webhook-ingest-service as production runs it: its packaged jar in a child JVM with a capped heap,
 * configured through the environment only. Stopped with its whole process tree on close, and by a
 * shutdown hook if the bench is interrupted (Ctrl-C), so no service is left holding a port.
 */
final class IngestServiceProcess implements AutoCloseable {

    static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private IngestServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "bench-stop-ingest-service");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static IngestServiceProcess start(Path jar, Map<String, String> env, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        // the same java as the bench, so both run on one JDK
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new IngestServiceProcess(builder.start(), port);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for {@code /q/health/ready} to answer 200 (migrations done, datasource up). */
    void awaitReady(Duration timeout, Path log) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("ingest service not ready within " + timeout + "; see " + log);
    }

    private void stop() {
        // descendants first captured, then SIGTERM to all, so a child cannot be re-parented and missed
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to undo
        }
    }
}
