package io.quiver.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyOptionsTest {
    @Test
    void formats() {
        assertEquals(CopyFormat.FVECS, CopyFormat.of("Fvecs"));
        assertEquals(CopyFormat.CSV, CopyFormat.of("csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CopyFormat.of("parquet"));
        assertTrue(e.getMessage().contains("csv, json, arrow, fvecs"), e.getMessage());
    }

    @Test
    void options() {
        assertEquals(CopyOptions.DEFAULTS, CopyOptions.parse(Map.of()));
        assertEquals(new CopyOptions(false, ';', 8192), CopyOptions.parse(Map.of("HEADER", "false", "Delimiter", ";")));
        assertEquals('\t', CopyOptions.parse(Map.of("delimiter", "\\t")).delimiter());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CopyOptions.parse(Map.of("quote", "'")));
        assertTrue(e.getMessage().contains("'quote'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CopyOptions.parse(Map.of("header", "maybe")));
        assertThrows(IllegalArgumentException.class, () -> CopyOptions.parse(Map.of("delimiter", ",,")));
        assertThrows(IllegalArgumentException.class, () -> CopyOptions.parse(Map.of("delimiter", "\"")));
        assertThrows(IllegalArgumentException.class, () -> CopyOptions.DEFAULTS.withBatchRows(0));
    }
}
