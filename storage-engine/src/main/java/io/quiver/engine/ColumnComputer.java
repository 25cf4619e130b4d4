package io.quiver.engine;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Computes new column values from a batch of existing ones (see {@link Dataset#addColumns}). */
@FunctionalInterface
public interface ColumnComputer {
    /**
     * Fills {@code output} (the new columns, allocated empty) with exactly {@code input.getRowCount()}
     * rows, and sets its row count.
     */
    void compute(VectorSchemaRoot input, VectorSchemaRoot output) throws java.io.IOException;
}
