package io.quiver.engine.pk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.engine.Dataset;
import io.quiver.engine.DatasetOptions;
import io.quiver.engine.DuplicateKeyException;
import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TableRows;
import io.quiver.engine.testing.Trees;
import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every misuse of a primary key is a clear, typed error that changes nothing. */
class PrimaryKeyErrorsTest {
    @TempDir
    Path dir;

    @Test
    void keysMustBeNotNullColumnsOfAKeyType() {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("maybe", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field(
                        "x", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
        for (PrimaryKey bad : List.of(PrimaryKey.of("maybe"), PrimaryKey.of("x"), PrimaryKey.of("nope"))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Dataset.create(dir.resolve("t"), schema, bad, DatasetOptions.DEFAULT),
                    bad.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> PrimaryKey.of("id").withBuckets(3));
        assertThrows(IllegalArgumentException.class, () -> PrimaryKey.of("id", "id"));
    }

    @Test
    void rejectedWritesLeaveTheTableAsItWas() throws IOException {
        Path table = dir.resolve("t");
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.create(table, root, PrimaryKey.of("id"))) {
            IdRows.append(ds, IdRows.range(0, 10));
            long version = ds.version();
            List<String> files = Trees.files(table);
            var rows = TableRows.rows(ds);

            DuplicateKeyException twice =
                    assertThrows(DuplicateKeyException.class, () -> IdRows.append(ds, 20, 21, 20));
            assertEquals(List.of(List.of(20L)), twice.keys());
            DuplicateKeyException present =
                    assertThrows(DuplicateKeyException.class, () -> IdRows.append(ds, 30, 3, 4));
            assertEquals(List.of(List.of(3L), List.of(4L)), present.keys());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ds.update(
                            Filters.lt("id", 2L),
                            batch -> ((org.apache.arrow.vector.BigIntVector) batch.getVector("id")).set(0, 99)));
            assertThrows(IllegalArgumentException.class, () -> ds.dropColumns("id"));
            try (ArrowReader replacement = TableRows.oneBatch(root, IdRows.batch(root, 1))) {
                assertThrows(IllegalStateException.class, () -> ds.overwrite(replacement));
            }
            assertThrows(IllegalArgumentException.class, () -> ds.get("not a number"));
            assertThrows(IllegalArgumentException.class, () -> ds.get(1L, 2L));
            try (VectorSchemaRoot wrongType = IdRows.batch(root, 50)) {
                ((IntVector) wrongType.getVector("grp")).setNull(0);
                wrongType.getVector("id").setNull(0);
                assertThrows(IllegalArgumentException.class, () -> ds.upsert(wrongType), "a null key");
            }

            assertEquals(version, ds.version(), "nothing committed");
            assertEquals(files, Trees.files(table), "no file left behind");
            assertEquals(rows, TableRows.rows(ds));
            ds.verify();
        }
        try (BufferAllocator root = new RootAllocator();
                Dataset plain = IdRows.create(dir.resolve("plain"), root)) {
            assertThrows(IllegalStateException.class, () -> plain.get(1L));
            try (VectorSchemaRoot batch = IdRows.batch(root, 1)) {
                assertThrows(IllegalStateException.class, () -> plain.upsert(batch));
            }
        }
    }

    @Test
    void aManifestDeclaringABadKeyIsCorrupt() throws IOException {
        Path table = dir.resolve("t");
        long good;
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.create(table, root, PrimaryKey.of("id"))) {
            IdRows.append(ds, 1, 2);
            good = ds.version();
        }
        TableLayout layout = new TableLayout(table);
        var bad = ManifestFiles.read(layout, good).manifest().toBuilder()
                .setVersion(good + 1)
                .putProperties(PrimaryKey.COLUMNS_PROPERTY, "name")
                .build();
        ManifestFiles.publish(layout, bad);
        assertThrows(CorruptFileException.class, () -> Dataset.open(table, good + 1));
        assertThrows(CorruptFileException.class, () -> Dataset.open(table), "no step back past it");
        try (Dataset ds = Dataset.openNewestReadable(table, DatasetOptions.DEFAULT)) {
            assertEquals(good, ds.version(), "recovery reads the version before the damaged one");
        }
    }
}
