package io.quiver.sql.spi;

import io.quiver.engine.Warehouse;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A table format other than Quiver's own, found on the class path with {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/io.quiver.sql.spi.TableFormat} entry):
 * {@code CREATE TABLE ... USING <name>} creates its tables. Each SQL session opens the format's
 * tables in its warehouse once and closes them with the session.
 */
public interface TableFormat {
    /** The name written after USING, in upper case (QUIVER is taken). */
    String name();

    /**
     * This format's tables in a warehouse folder. {@code allocator} is the session's: everything
     * the tables allocate is a child of it and is released by {@link FormatTables#close}.
     * Opening must be cheap: a session that never touches the format's tables pays nothing more.
     */
    FormatTables open(Warehouse warehouse, BufferAllocator allocator) throws IOException;
}
