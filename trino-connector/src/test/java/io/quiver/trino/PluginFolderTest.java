package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.Dataset;
import io.quiver.engine.Warehouse;
import io.quiver.engine.testing.ModelRows;
import io.quiver.engine.testing.RandomRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin folder the build writes (target/plugin/quiver, with the connector's classes) loaded
 * as a Trino server loads plugins: through Trino's own plugin class loader, which shares only
 * Trino's SPI. A library missing from the folder, or one Trino lends that the folder also holds,
 * fails here rather than in a cluster.
 */
class PluginFolderTest extends TrinoTestCluster {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            RandomRows.nullable("label", ArrowType.Utf8.INSTANCE),
            RandomRows.vector("emb", 2),
            RandomRows.blob("img")));

    @BeforeAll
    static void start() throws Exception {
        Path warehouse = dir.resolve("warehouse");
        try (Dataset ds = new Warehouse(warehouse).create("t", SCHEMA)) {
            ModelRows.append(
                    ds,
                    List.of(
                            new Object[] {1L, "cat", new float[] {0, 0}, new byte[] {1}},
                            new Object[] {2L, "cow", new float[] {1, 1}, new byte[] {2, 2}},
                            new Object[] {3L, "dog", new float[] {2, 2}, null},
                            new Object[] {4L, "cat", null, new byte[] {4}}));
        }
        trino = QuiverTrino.fromPluginFolder(warehouse, pluginsDir());
    }

    /**
     * The plugin folder quiver/: the libraries the build copied, and the connector's classes as
     * a jar (the module's own jar is made after the tests).
     */
    private static Path pluginsDir() throws Exception {
        Path quiver = Files.createDirectories(dir.resolve("plugins").resolve("quiver"));
        try (Stream<Path> jars = Files.list(Path.of("target/plugin/quiver"))) {
            // Not the module's own jar from an earlier package run: the classes below are the current ones.
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")
                            && !p.getFileName().toString().startsWith("quiver-trino-connector"))
                    .toList()) {
                Files.copy(jar, quiver.resolve(jar.getFileName()));
            }
        }
        Path classes = Path.of("target/classes");
        try (var out = new JarOutputStream(Files.newOutputStream(quiver.resolve("quiver-trino-connector.jar")));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return quiver;
    }

    @Test
    void theConnectorRunsFromItsFolderAlone() {
        assertEquals(List.of(1L, 4L), ids("SELECT id FROM t WHERE label LIKE 'ca%' ORDER BY id"));
        String nearest =
                "SELECT id FROM t WHERE label LIKE 'c%' ORDER BY euclidean_distance(emb, ARRAY[1.2, 1.2]) LIMIT 2";
        assertTrue(trino.explain(nearest).contains("nearest k=2"), trino.explain(nearest));
        assertEquals(List.of(2L, 1L), ids(nearest));
        assertEquals(
                2,
                ((byte[]) trino.rows("SELECT img FROM t WHERE id = 2")
                                .getFirst()
                                .getField(0))
                        .length);
    }

    private static List<Object> ids(String sql) {
        return trino.rows(sql).stream().map(r -> r.getField(0)).toList();
    }
}
