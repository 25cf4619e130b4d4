package io.quiver.sql.copy;

import static io.quiver.sql.copy.CopyTestSupport.column;
import static io.quiver.sql.copy.CopyTestSupport.read;
import static io.quiver.sql.copy.CopyTestSupport.schema;
import static io.quiver.sql.copy.CopyTestSupport.timestamp;
import static io.quiver.sql.copy.CopyTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written CSV and JSON files: quoting, embedded line breaks, header order, every value form. */
class CopyTextFilesTest {
    @TempDir
    Path dir;

    private static final Schema PEOPLE =
            schema(column("id", TypeId.INT32, false), column("name", TypeId.UTF8, true), vector("v", 3, true));

    @Test
    void csvQuotingAndHeaderInAnotherOrder() throws Exception {
        String csv = "V,Name,ID\n"
                + "\"[1, 2, 3]\",\"Smith, \"\"Jo\"\"\nsecond line\",1\n"
                + "\"0.5 0.25 -1e3\",,2\n"
                + ",\"\",3\n"
                + "\n"; // a trailing blank line is no row
        List<Object[]> rows = read(dir, csv, CopyFormat.CSV, PEOPLE, CopyOptions.DEFAULTS);
        assertEquals(3, rows.size());
        assertEquals(1L, rows.get(0)[0]);
        assertEquals("Smith, \"Jo\"\nsecond line", rows.get(0)[1]);
        assertArrayEquals(new float[] {1, 2, 3}, (float[]) rows.get(0)[2]);
        assertEquals(null, rows.get(1)[1], "an empty unquoted field is NULL");
        assertArrayEquals(new float[] {0.5f, 0.25f, -1000f}, (float[]) rows.get(1)[2]);
        assertEquals("", rows.get(2)[1], "a quoted empty field is the empty string");
        assertEquals(null, rows.get(2)[2]);
    }

    @Test
    void csvWithoutHeaderByPositionOtherDelimiterMissingColumnsNull() throws Exception {
        String csv = "7;plain;0.1,0.2,0.3\r\n8;\"a;b\";\n";
        List<Object[]> rows = read(dir, csv, CopyFormat.CSV, PEOPLE, new CopyOptions(false, ';', 10));
        assertEquals(List.of(7L, 8L), rows.stream().map(r -> r[0]).toList());
        assertEquals("a;b", rows.get(1)[1]);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, (float[]) rows.get(0)[2]);

        List<Object[]> partial = read(dir, "id\n5\n", CopyFormat.CSV, PEOPLE, CopyOptions.DEFAULTS);
        assertEquals(null, partial.get(0)[1], "a nullable column the header lacks is NULL");
    }

    @Test
    void csvValueForms() throws Exception {
        Schema all = schema(
                column("b", TypeId.BOOL, true),
                column("bin", TypeId.BINARY, true),
                column("blob", TypeId.BLOB, true),
                column("d", TypeId.DATE32, true),
                timestamp("ts", TimeUnit.MICROSECOND, null),
                timestamp("tz", TimeUnit.MILLISECOND, "UTC"));
        String csv = "b,bin,blob,d,ts,tz\n"
                + "t,\\x89504e47,89504E47,2024-01-31,2024-01-31T10:00:00,2024-01-31 10:00:00+02:00\n"
                + "0,,,,2024-01-31 10:00:00.123456,2024-01-31T10:00:00Z\n";
        List<Object[]> rows = read(dir, csv, CopyFormat.CSV, all, CopyOptions.DEFAULTS);
        assertEquals(true, rows.get(0)[0]);
        assertEquals(false, rows.get(1)[0]);
        assertArrayEquals(new byte[] {(byte) 0x89, 0x50, 0x4e, 0x47}, (byte[]) rows.get(0)[1]);
        assertArrayEquals(new byte[] {(byte) 0x89, 0x50, 0x4e, 0x47}, (byte[]) rows.get(0)[2]);
        assertEquals(LocalDate.of(2024, 1, 31), rows.get(0)[3]);
        assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0), rows.get(0)[4]);
        assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0, 0, 123_456_000), rows.get(1)[4]);
        // A zoned column's getObject is the raw epoch value in its unit.
        assertEquals(1706688000000L, rows.get(0)[5], "10:00+02:00 is 08:00 UTC");
        assertEquals(1706695200000L, rows.get(1)[5]);
    }

    @Test
    void jsonLinesAndTopLevelArray() throws Exception {
        String lines = "{\"id\": 1, \"name\": \"a\\nb\", \"v\": [1, 2.5, \"NaN\"]}\n"
                + "{\"ID\": 2, \"v\": null}\n"
                + "\n"
                + "{\"name\": null, \"id\": 3}\n";
        List<Object[]> rows = read(dir, lines, CopyFormat.JSON, PEOPLE, CopyOptions.DEFAULTS);
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> r[0]).toList());
        assertEquals("a\nb", rows.get(0)[1]);
        assertArrayEquals(new float[] {1, 2.5f, Float.NaN}, (float[]) rows.get(0)[2]);
        assertEquals(null, rows.get(1)[1], "a missing key is NULL");
        assertEquals(null, rows.get(2)[2]);

        String array = "[{\"id\": 4, \"name\": \"x\"},\n {\"id\": 5}]";
        assertEquals(
                2,
                read(dir, array, CopyFormat.JSON, PEOPLE, CopyOptions.DEFAULTS).size());
        assertEquals(
                0,
                read(dir, "[]", CopyFormat.JSON, PEOPLE, CopyOptions.DEFAULTS).size());
    }

    @Test
    void jsonBinaryIsBase64() throws Exception {
        List<Object[]> rows = read(
                dir,
                "{\"bin\": \"iVBORw==\"}\n",
                CopyFormat.JSON,
                schema(column("bin", TypeId.BINARY, true)),
                CopyOptions.DEFAULTS);
        assertArrayEquals(new byte[] {(byte) 0x89, 0x50, 0x4e, 0x47}, (byte[]) rows.get(0)[0]);
    }
}
