package dev.tessera.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.tessera.deploy.watchdog.ParentWatchdog;

/**
 * Writes the one-class agent jar of {@link ParentWatchdog}. Built at start from the launcher's own class, so it
 * works the same whether the launcher runs from its jar or from an IDE's classes directory, and the child JVMs
 * get exactly that class and nothing else of the launcher on their class path.
 *
 * <p>Public for the end-to-end harness of e2e-tests, whose child JVMs get the same watchdog.
 */
public final class WatchdogAgentJar {

    private WatchdogAgentJar() {
    }

    /**
     * Writes {@code parent-watchdog.jar} into {@code directory} (which must exist) and answers its path, for
     * {@code -javaagent:}.
     *
     * @throws UncheckedIOException if it cannot be written
     */
    public static Path write(Path directory) {
        String classFile = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        Path jar = directory.resolve("parent-watchdog.jar");
        Path temp = directory.resolve("parent-watchdog.jar.tmp");
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + classFile + " on the launcher's class path");
            }
            try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new JarEntry(classFile));
                in.transferTo(out);
                out.closeEntry();
            }
            // Renamed into place: a child of a previous run may still be loading the old one.
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the watchdog agent " + jar, e);
        }
        return jar;
    }
}
