package io.quiver.sql.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import javax.sql.rowset.serial.SerialBlob;
import org.junit.jupiter.api.Test;

/** Driver shapes Calcite's driver does not produce: blobs, primitive vectors. */
class TestValues {

    @Test
    void blobsBecomeBytes() throws Exception {
        Object value = Values.normalize(new SerialBlob(new byte[] {1, 2, (byte) 0xff}));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, (byte[]) value);
        assertEquals("\\x0102ff", Values.csvText(value));
        assertEquals("<blob 3 bytes>", Values.tableText(value));
        assertEquals("<blob 1073741824 bytes>", Values.tableText(new Values.BlobSize(1L << 30)));
    }

    @Test
    void primitiveVectorsBecomeLists() throws Exception {
        float[] vector = new float[768];
        Arrays.fill(vector, 0.25f);
        Object value = Values.normalize(vector);
        assertEquals(768, ((List<?>) value).size());
        assertEquals("[0.25, 0.25, 0.25, 0.25, 0.25, …] (768 values)", Values.tableText(value));
        assertEquals("[0.5, NULL]", Values.csvText(Values.normalize(new Float[] {0.5f, null})));
    }

    @Test
    void timestampsAreIso() throws Exception {
        Object value = Values.normalize(Timestamp.valueOf("2024-05-06 07:08:09.5"));
        assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 500_000_000), value);
        assertEquals("2024-05-06T07:08:09.500", Values.csvText(value));
    }

    @Test
    void tableCellsStayOnOneLine() {
        assertEquals("a\\nb\\tc\\u0001", Values.tableText("a\nb\tc\u0001"));
        assertEquals("NULL", Values.tableText(null));
        assertNull(Values.csvText(null));
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        assertEquals(4, TablePrinter.width("日本"));
        assertEquals(3, TablePrinter.width("abc"));
    }
}
