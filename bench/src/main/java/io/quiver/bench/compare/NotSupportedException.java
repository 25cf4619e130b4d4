package io.quiver.bench.compare;

/**
 * A workload needs a capability the system under test does not have; its result row says
 * {@code not supported: <reason>} instead of leaving the system out.
 */
final class NotSupportedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSupportedException(String reason) {
        super(reason);
    }
}
