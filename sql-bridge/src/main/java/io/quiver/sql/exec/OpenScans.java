package io.quiver.sql.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The scans a query opens while it starts executing. Avatica computes a query's first rows inside
 * {@code executeQuery}; when that fails no result set comes back whose close would close the
 * scans, so the caller closes them here (else their Arrow buffers stay allocated).
 *
 * <pre>{@code
 * try (OpenScans scans = OpenScans.begin()) {
 *   ResultSet rows = statement.executeQuery();
 *   scans.keep(); // the result set owns them now
 * }
 * }</pre>
 */
public final class OpenScans implements AutoCloseable {
    private static final ThreadLocal<OpenScans> CURRENT = new ThreadLocal<>();

    private final OpenScans outer;
    private final List<Enumerator<?>> opened = new ArrayList<>();

    private OpenScans(OpenScans outer) {
        this.outer = outer;
    }

    public static OpenScans begin() {
        OpenScans scans = new OpenScans(CURRENT.get());
        CURRENT.set(scans);
        return scans;
    }

    static void opened(Enumerator<?> scan) {
        OpenScans scans = CURRENT.get();
        if (scans != null) {
            scans.opened.add(scan);
        }
    }

    /** The query started: its result set closes the scans. */
    public void keep() {
        opened.clear();
    }

    /** Closes the scans not kept. */
    @Override
    public void close() {
        CURRENT.set(outer);
        for (Enumerator<?> scan : opened) {
            try {
                scan.close();
            } catch (RuntimeException e) {
                // Closing after a failure: the failure is what the caller reports.
            }
        }
        opened.clear();
    }
}
