package io.quiver.engine.testing;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives a test method a seeded {@link Random} parameter and, when the test fails, says how to
 * replay it. One base seed per run ({@code -Dquiver.seed=N} to choose it); each test's seed is
 * derived from the base seed and the test's unique id, so a test replays alone or in any order.
 *
 * <pre>{@code @ExtendWith(TestRandom.class) class FooTest { @Test void bar(Random random) { ... } } }</pre>
 */
public final class TestRandom implements ParameterResolver, TestExecutionExceptionHandler {
    /** The run's base seed. */
    public static final long BASE_SEED = Long.getLong("quiver.seed", new Random().nextLong());

    /** The seed of one test: the same for the same base seed and test, whatever else runs. */
    public static long seedOf(ExtensionContext context) {
        return BASE_SEED ^ mix(context.getUniqueId().hashCode());
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        return x ^ (x >>> 29);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Random.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Random(seedOf(context));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String hint = "reproduce with -Dquiver.seed=" + BASE_SEED + " -Dtest='"
                + context.getRequiredTestClass().getSimpleName() + "#"
                + context.getRequiredTestMethod().getName() + "' (test seed " + seedOf(context) + ")";
        System.err.println(context.getDisplayName() + " failed: " + hint);
        failure.addSuppressed(new Throwable(hint, null, false, false) {
            private static final long serialVersionUID = 1L;
        });
        throw failure;
    }
}
