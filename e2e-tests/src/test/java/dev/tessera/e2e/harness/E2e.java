package dev.tessera.e2e.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end scenario class: the suite ({@link E2eSuite}) is started before its first test (once per JVM), can be
 * injected as a parameter, and the class is skipped, with the reason, unless every service it {@link #requires()}
 * runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(E2eExtension.class)
@Tag("e2e")
public @interface E2e {

    /** The processes every test of the class needs; by default the emulator, the ingest and membership services. */
    String[] requires() default {Services.EMULATOR, Services.INGEST, Services.MEMBERSHIP};
}
