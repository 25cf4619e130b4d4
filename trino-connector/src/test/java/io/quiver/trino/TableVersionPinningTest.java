package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.Warehouse;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import io.quiver.trino.metadata.QuiverMetadata;
import io.quiver.trino.metadata.QuiverTableHandle;
import io.trino.spi.connector.SchemaTableName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Within one transaction (one metadata), every reference to a table gets the version the first
 * one got, whatever is committed meanwhile; the next transaction sees the new version.
 */
class TableVersionPinningTest {
    @TempDir
    Path dir;

    @Test
    void oneTransactionReadsOneVersionOfATable() throws Exception {
        Schema schema = new Schema(List.of(RandomRows.nullable("x", new ArrowType.Int(64, true))));
        Warehouse warehouse = new Warehouse(dir);
        try (Dataset ds = warehouse.create("t", schema);
                QuiverTables tables = new QuiverTables(warehouse, DatasetOptions.DEFAULT, 4)) {
            ModelRows.append(ds, new RandomRows(new Random(1), schema).next(10));
            SchemaTableName name = new SchemaTableName(QuiverMetadata.SCHEMA, "t");
            QuiverMetadata transaction = new QuiverMetadata(tables);
            var first = (QuiverTableHandle) transaction.getTableHandle(null, name, Optional.empty(), Optional.empty());
            ModelRows.append(ds, new RandomRows(new Random(2), schema).next(5));
            var second = (QuiverTableHandle) transaction.getTableHandle(null, name, Optional.empty(), Optional.empty());
            assertEquals(first.version(), second.version(), "a self-join reads one version");
            var next = (QuiverTableHandle)
                    new QuiverMetadata(tables).getTableHandle(null, name, Optional.empty(), Optional.empty());
            assertNotEquals(first.version(), next.version());
            assertEquals(ds.version(), next.version());
            try (QuiverTables.Lease pinned = tables.lease(first.table(), first.version())) {
                assertEquals(10, pinned.dataset().count(), "the pinned version's rows");
            }
        }
    }
}
