package dev.tessera.e2e.harness;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the suite (once per JVM) before the first scenario class, checks {@link E2e#requires()} before each test
 * (an assumption: each test of a class whose services are missing is reported as skipped, with the reason), and
 * injects {@link E2eSuite}.
 */
public final class E2eExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        E2eSuite.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        E2e e2e = context.getRequiredTestClass().getAnnotation(E2e.class);
        if (e2e != null) {
            E2eSuite.get().require(e2e.requires());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == E2eSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return E2eSuite.get();
    }
}
