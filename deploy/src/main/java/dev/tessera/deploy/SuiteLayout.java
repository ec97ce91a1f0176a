package dev.tessera.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import dev.tessera.testing.FileTrees;

/**
 * Where the local suite keeps its state: everything lives under {@code .local/} in the repository (ignored by
 * git), so a restart finds the same databases, topics, keys and secrets.
 *
 * <pre>
 * .local/
 *   postgres/data/          PostgreSQL cluster (survives restarts; --fresh wipes it)
 *   kafka/data/             Kafka log directories (idem)
 *   kafka/server.properties
 *   jwt/private.pem         RS256 signing key of `tessera-local token` (PKCS#8)
 *   jwt/public.pem          its public half, given to every service as TESSERA_JWT_PUBLIC_KEY
 *   secrets.env             webhook signing secrets shared by the emulator and the ingest service
 *   logs/&lt;name&gt;.log         one log per process; the previous run's is kept as &lt;name&gt;.log.1
 *   run/                    lock, pid records and the watchdog agent of the running suite
 * </pre>
 */
record SuiteLayout(Path repository) {

    /** The repository root: {@code -Dtessera.root} (set by tessera-local), else the working directory. */
    static SuiteLayout fromEnvironment() {
        String root = System.getProperty("tessera.root");
        Path repository = Paths.get(root == null || root.isBlank() ? "" : root).toAbsolutePath().normalize();
        if (!Files.isRegularFile(repository.resolve("platform-bom/pom.xml"))) {
            throw new CliException("Not the Tessera repository: " + repository
                    + " (run ./tessera-local from the repository root, or pass -Dtessera.root=<repository>)");
        }
        return new SuiteLayout(repository);
    }

    Path home() {
        return repository.resolve(".local");
    }

    Path postgresDirectory() {
        return home().resolve("postgres");
    }

    Path kafkaDirectory() {
        return home().resolve("kafka");
    }

    Path jwtDirectory() {
        return home().resolve("jwt");
    }

    Path secretsFile() {
        return home().resolve("secrets.env");
    }

    Path logDirectory() {
        return home().resolve("logs");
    }

    Path logFile(String name) {
        return logDirectory().resolve(name + ".log");
    }

    Path runDirectory() {
        return home().resolve("run");
    }

    /** {@code <module>/target/quarkus-app/quarkus-run.jar}, what {@code ./mvnw package} produces. */
    Path runnerJar(String module) {
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** A path as the user should see it: relative to the repository when inside it. */
    String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repository) ? repository.relativize(absolute).toString() : absolute.toString();
    }

    /** Moves {@code <name>.log} to {@code <name>.log.1} so each run starts a clean log and the last one is kept. */
    Path freshLogFile(String name) {
        FileTrees.createDirectories(logDirectory());
        Path log = logFile(name);
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the log file " + log, e);
        }
        return log;
    }
}
