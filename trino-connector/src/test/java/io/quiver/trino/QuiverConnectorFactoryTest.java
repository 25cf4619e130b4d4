package io.quiver.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trino.spi.TrinoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog properties: what a wrong one says. */
class QuiverConnectorFactoryTest {
    @TempDir
    Path dir;

    private static String refused(Map<String, String> config) {
        TrinoException e =
                assertThrows(TrinoException.class, () -> new QuiverConnectorFactory().create("q", config, null));
        assertEquals(QuiverErrors.QUIVER_CONFIG_ERROR.toErrorCode(), e.getErrorCode());
        return e.getMessage();
    }

    @Test
    void aWarehouseFolderIsRequired() throws Exception {
        assertTrue(refused(Map.of()).contains("quiver.warehouse is required"));
        assertTrue(refused(Map.of("quiver.warehouse", " ")).contains("quiver.warehouse is required"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(refused(Map.of("quiver.warehouse", file.toString())).contains("is not a folder"));
        assertTrue(refused(Map.of("quiver.warehouse", dir.resolve("missing").toString()))
                .contains("is not a folder"));
    }

    @Test
    void unknownOrMalformedPropertiesAreNamed() {
        String where = dir.toString();
        assertTrue(refused(Map.of("quiver.warehouse", where, "quiver.warehous", "x"))
                .contains("unknown properties [quiver.warehous]"));
        for (String key : new String[] {"quiver.page-cache-mib", "quiver.open-versions"}) {
            for (String bad : new String[] {"0", "-1", "ten", "1.5", "", String.valueOf(1L << 31)}) {
                assertTrue(
                        refused(Map.of("quiver.warehouse", where, key, bad)).contains(key + " must be a whole number"));
            }
        }
        new QuiverConnectorFactory()
                .create("q", Map.of("quiver.warehouse", where, "quiver.open-versions", "2"), null)
                .shutdown();
    }
}
