package io.quiver.lance;

import io.quiver.engine.Warehouse;
import io.quiver.sql.spi.FormatTables;
import io.quiver.sql.spi.TableFormat;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code USING LANCE}: tables stored as real Lance datasets through lance-core. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services}, so putting this module on the class
 * path is all it takes. Lance's native library loads when the first Lance dataset is opened, not
 * before: sessions without Lance tables do not pay for it.
 */
public final class LanceFormat implements TableFormat {
    public static final String NAME = "LANCE";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FormatTables open(Warehouse warehouse, BufferAllocator allocator) {
        return new LanceTables(new LanceLocations(warehouse), allocator);
    }
}
