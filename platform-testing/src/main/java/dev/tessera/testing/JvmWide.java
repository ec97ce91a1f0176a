package dev.tessera.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reaches the one copy of a class that is shared by the whole JVM.
 *
 * <p>{@code @QuarkusTest} loads this module into a separate class loader per Quarkus application (one per
 * test profile or resource set), and closes that class loader when the application stops. A plain static
 * field would therefore give each application its own PostgreSQL, broker and signing key, and a server
 * owned by a closed class loader could no longer even run its shutdown hook. The copy of this module on
 * the system class path (surefire and IDEs put every test dependency there) lives as long as the JVM, so
 * state that must be JVM-wide is created there and handed across using JDK types only: a class loaded
 * twice is two different types, but {@code String}, {@code Runnable} or {@code KeyPair} are the same
 * everywhere.
 *
 * <p>If the system class loader cannot see this module (an isolated runner), the local copy is used; it
 * is then the only copy anyway.
 */
final class JvmWide {

    private JvmWide() {
    }

    /**
     * Invokes the parameterless static method {@code methodName} of the JVM-wide copy of {@code local},
     * with that copy's class loader as context class loader, so threads and lookups it starts are tied to a
     * class loader that is never closed.
     */
    static Object call(Class<?> local, String methodName) {
        Class<?> target = jvmWideCopy(local);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(target.getClassLoader());
        try {
            Method method = target.getDeclaredMethod(methodName);
            method.setAccessible(true);
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call " + target.getName() + "." + methodName, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Wraps {@code action} so it runs with {@code loader} as context class loader, whoever calls it. */
    static Runnable withContextLoader(ClassLoader loader, Runnable action) {
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                action.run();
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
    }

    private static Class<?> jvmWideCopy(Class<?> local) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (local.getClassLoader() == system) {
            return local;
        }
        try {
            return Class.forName(local.getName(), true, system);
        } catch (ClassNotFoundException | LinkageError e) {
            return local;
        }
    }
}
