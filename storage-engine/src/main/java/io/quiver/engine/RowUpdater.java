package io.quiver.engine;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Changes rows in place for {@link Dataset#update}: it gets the rows to update, every column
 * (BLOB columns as their bytes), and sets the values it changes. Key columns must stay as they are.
 */
@FunctionalInterface
public interface RowUpdater {
    void update(VectorSchemaRoot rows) throws IOException;
}
