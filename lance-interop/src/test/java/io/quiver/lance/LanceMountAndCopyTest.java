package io.quiver.lance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLSyntaxErrorException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lance.Dataset;
import org.lance.WriteParams;

/**
 * Mounting a dataset written directly with lance-core, and converting Quiver to Lance and back
 * with COPY ... (FORMAT lance) and CREATE TABLE ... AS, types and NULLs preserved.
 */
class LanceMountAndCopyTest {
    @TempDir
    Path dir;

    @Test
    void mountsADatasetWrittenByLanceAndDropLeavesItAlone() throws Exception {
        Path dataset = dir.resolve("outside").resolve("items.lance");
        Path warehouse = dir.resolve("wh");
        try (LanceSql s = new LanceSql(warehouse)) {
            writeWithLance(s.allocator, dataset);
            s.run("CREATE EXTERNAL TABLE items USING LANCE LOCATION '" + dataset + "'");
            List<List<Object>> described = s.rows("DESCRIBE items");
            assertEquals(List.of("emb", "column", "VECTOR(2)", true, ""), described.get(2));
            assertTrue(((String) described.getLast().get(4)).contains("external dataset"), described.toString());
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "is not a Lance dataset",
                    () -> s.run("CREATE EXTERNAL TABLE bad USING LANCE LOCATION '" + dir + "'"));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "already exists",
                    () -> s.run("CREATE EXTERNAL TABLE items USING LANCE LOCATION '" + dataset + "'"));
        }
        try (LanceSql s = new LanceSql(warehouse)) {
            assertEquals(List.of(List.of("items")), s.rows("SHOW TABLES"));
            assertEquals(
                    List.of(Arrays.asList(2L, "two", List.of(2f, 0f)), Arrays.asList(3L, null, null)),
                    s.rows("SELECT * FROM items WHERE id > 1 ORDER BY id"));
            s.run("DROP TABLE items");
            assertEquals(List.of(), s.rows("SHOW TABLES"));
        }
        assertTrue(Files.isDirectory(dataset.resolve("_versions")), "DROP of a mount must keep the dataset");
    }

    @Test
    void roundTripQuiverToLanceToQuiver() throws Exception {
        Path exported = dir.resolve("exported.lance");
        try (LanceSql s = new LanceSql(dir.resolve("wh"))) {
            s.run("CREATE TABLE q (id BIGINT, name VARCHAR, v VECTOR(3), img BLOB, score DOUBLE)");
            s.run("INSERT INTO q VALUES (1, 'it''s', ARRAY[1, 2, 3], X'0102', 0.5),"
                    + " (2, NULL, NULL, NULL, NULL), (3, 'Ünï', ARRAY[-1, 0, 1], X'', -2.0)");
            List<List<Object>> original = s.rows("SELECT * FROM q ORDER BY id");
            assertEquals(3, s.count("COPY q TO '" + exported + "' (FORMAT lance)"));
            assertTrue(Files.isDirectory(exported.resolve("_versions")));

            s.run("CREATE TABLE back (id BIGINT, name VARCHAR, v VECTOR(3), img BLOB, score DOUBLE)");
            assertEquals(3, s.count("COPY back FROM '" + exported + "' (FORMAT lance)"));
            assertEquals(original, s.rows("SELECT * FROM back ORDER BY id"));

            s.run("CREATE EXTERNAL TABLE ext USING LANCE LOCATION '" + exported + "'");
            assertEquals(original, s.rows("SELECT * FROM ext ORDER BY id"));
            s.run("CREATE TABLE viaCtas AS SELECT * FROM ext");
            assertEquals(original, s.rows("SELECT * FROM viactas ORDER BY id"));
            s.run("CREATE TABLE lancecopy USING LANCE AS SELECT * FROM q");
            assertEquals(original, s.rows("SELECT * FROM lancecopy ORDER BY id"));
            assertEquals(
                    List.of("img", "column", "BLOB", true, ""),
                    s.rows("DESCRIBE lancecopy").get(3));
            LanceSql.fails(
                    SQLSyntaxErrorException.class,
                    "already exists",
                    () -> s.run("COPY q TO '" + exported + "' (FORMAT lance)"));
        }
    }

    private static void writeWithLance(BufferAllocator allocator, Path path) throws Exception {
        Field vector = new Field(
                "emb",
                FieldType.nullable(new ArrowType.FixedSizeList(2)),
                List.of(new Field(
                        "item",
                        FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                        null)));
        Schema schema = new Schema(List.of(
                Field.notNullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE),
                vector));
        Files.createDirectories(path.getParent());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            BigIntVector id = (BigIntVector) root.getVector("id");
            VarCharVector name = (VarCharVector) root.getVector("name");
            FixedSizeListVector emb = (FixedSizeListVector) root.getVector("emb");
            Float4Vector data = (Float4Vector) emb.getDataVector();
            for (int i = 0; i < 3; i++) {
                id.setSafe(i, i + 1);
                data.setSafe(2 * i, i + 1);
                data.setSafe(2 * i + 1, 0);
                if (i < 2) {
                    name.setSafe(i, (i == 0 ? "one" : "two").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    emb.setNotNull(i);
                } else {
                    name.setNull(i);
                    emb.setNull(i);
                }
            }
            root.setRowCount(3);
            try (Dataset ds = Dataset.write()
                    .allocator(allocator)
                    .reader(new OneBatch(allocator, root))
                    .uri(path.toString())
                    .mode(WriteParams.WriteMode.CREATE)
                    .execute()) {
                assertEquals(3, ds.countRows());
            }
        }
    }
}
