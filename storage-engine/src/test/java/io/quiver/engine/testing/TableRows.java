package io.quiver.engine.testing;

import io.quiver.engine.Dataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/** Reads a whole table version as plain Java rows, to compare with a model. */
public final class TableRows {
    private TableRows() {}

    /**
     * Every row as column name to value (strings for UTF8, hex for binary and for the bytes of
     * blobs), sorted by "id" when there is one.
     */
    public static List<Map<String, Object>> rows(Dataset dataset) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ArrowReader reader = dataset.scan().withBlobBytes().toArrowReader()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int r = 0; r < root.getRowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.put(v.getName(), plain(v.getObject(r)));
                    }
                    rows.add(row);
                }
            }
        }
        if (dataset.tableSchema().find("id").isPresent()) {
            rows.sort(Comparator.comparing(r -> (Long) r.get("id"), Comparator.nullsFirst(Comparator.naturalOrder())));
        }
        return rows;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Text t -> t.toString();
            case byte[] b -> HexFormat.of().formatHex(b);
            case null, default -> value;
        };
    }

    /** A reader of one batch: moves {@code batch}'s buffers into its own root on the first load. */
    public static ArrowReader oneBatch(BufferAllocator allocator, VectorSchemaRoot batch) {
        return new ArrowReader(allocator) {
            private boolean loaded;

            @Override
            public boolean loadNextBatch() throws IOException {
                ensureInitialized();
                if (loaded) {
                    return false;
                }
                loaded = true;
                VectorSchemaRoot root = getVectorSchemaRoot();
                for (int i = 0; i < batch.getFieldVectors().size(); i++) {
                    batch.getVector(i).makeTransferPair(root.getVector(i)).transfer();
                }
                root.setRowCount(batch.getRowCount());
                return true;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {
                batch.close();
            }

            @Override
            protected Schema readSchema() {
                return batch.getSchema();
            }
        };
    }
}
