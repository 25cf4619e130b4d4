package io.quiver.sql.copy;

import static io.quiver.sql.copy.CopyTestSupport.column;
import static io.quiver.sql.copy.CopyTestSupport.schema;
import static io.quiver.sql.copy.CopyTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TypeId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input is a CopyFormatException whose message names the file, line or record, and column. */
class CopyBadInputTest {
    private static final Schema TABLE = schema(
            column("id", TypeId.INT8, false),
            column("x", TypeId.FLOAT64, true),
            column("d", TypeId.DECIMAL128, true),
            vector("embedding", 4, true));

    @TempDir
    Path dir;

    private static Schema table() {
        return schema(
                TABLE.getFields().get(0),
                TABLE.getFields().get(1),
                new ColumnType(TypeId.DECIMAL128, 6, 2, null, null, 0).toArrow("d", true),
                TABLE.getFields().get(3));
    }

    private String failure(String text, CopyFormat format) {
        CopyFormatException e = assertThrows(
                CopyFormatException.class,
                () -> CopyTestSupport.read(dir, text, format, table(), CopyOptions.DEFAULTS));
        return e.getMessage().substring(dir.toString().length() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        wrong dimension       | 1,2,3,"[1, 2, 3]"   | data.csv line 3, column embedding: expected 4 floats, got 3
        unparsable float      | 1,abc,,             | data.csv line 3, column x: not a number: 'abc'
        integer out of range  | 128,,,              | data.csv line 3, column id: 128 is out of range for INT8
        not an integer        | 1.5,,,              | data.csv line 3, column id: not an integer: '1.5'
        NULL for NOT NULL     | ,1,,                | data.csv line 3, column id: NULL in a NOT NULL column
        decimal too precise   | 1,,1.234,           | data.csv line 3, column d: 1.234 has more than 2 decimal places for DECIMAL(6, 2)
        decimal too big       | 1,,1e9,             | data.csv line 3, column d: 1E+9 is out of range for DECIMAL(6, 2)
        bad vector element    | 1,,,"1 2 x 4"       | data.csv line 3, column embedding: not a number: 'x'
        field count           | 1,2                 | data.csv line 3: expected 4 fields, got 2
        unclosed quote        | 1,"2,,              | data.csv line 3: (startline 3) EOF reached before encapsulated token finished
        """)
    void csv(String kind, String line, String message) {
        assertEquals(message, failure("id,x,d,embedding\n1,,,\n" + line + "\n", CopyFormat.CSV), kind);
    }

    @Test
    void csvHeader() {
        assertEquals(
                "data.csv line 1, column y: the header names a column the table does not have",
                failure("id,y\n", CopyFormat.CSV));
        assertEquals(
                "data.csv line 1, column id: a NOT NULL column is missing from the header",
                failure("x\n", CopyFormat.CSV));
        assertEquals(
                "data.csv line 1, column X: the header names the column twice", failure("id,x,X\n", CopyFormat.CSV));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        wrong dimension   | {"id": 2, "embedding": [1, 2, 3, 4, 5]}  | data.json line 2, column embedding: expected 4 floats, got 5
        string in vector  | {"id": 2, "embedding": [1, 2, {}, 4]}    | data.json line 2, column embedding: element 3 is an object, not a float
        out of range      | {"id": -129}                             | data.json line 2, column id: -129 is out of range for INT8
        null NOT NULL     | {"id": null}                             | data.json line 2, column id: NULL in a NOT NULL column
        missing NOT NULL  | {"x": 1}                                 | data.json line 2, column id: the object has no value for a NOT NULL column
        unknown key       | {"id": 1, "zz": 1}                       | data.json line 2, column zz: the table has no such column
        not an object     | [1]                                      | data.json line 2: expected a JSON object, got an array
        """)
    void json(String kind, String line, String message) {
        assertEquals(message, failure("{\"id\": 1}\n" + line + "\n", CopyFormat.JSON), kind);
    }

    @Test
    void malformedJsonNamesTheLine() {
        String m = failure("{\"id\": 1}\n{\"id\": 2, \"x\": tru}\n", CopyFormat.JSON);
        assertEquals("data.json line 2, column x: ", m.substring(0, m.indexOf(": ") + 2), m);
    }

    private String fvecsFailure(byte[] bytes) throws Exception {
        Path file = dir.resolve("base.fvecs");
        Files.write(file, bytes);
        Schema s = schema(column("id", TypeId.INT32, false), vector("v", 4, false));
        CopyFormatException e = assertThrows(
                CopyFormatException.class, () -> CopyTestSupport.read(file, CopyFormat.FVECS, s, CopyOptions.DEFAULTS));
        return e.getMessage().substring(dir.toString().length() + 1);
    }

    private static byte[] fvecs(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(4 * ints.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : ints) {
            b.putInt(i);
        }
        return b.array();
    }

    @Test
    void fvecs() throws Exception {
        int one = Float.floatToIntBits(1f);
        assertEquals(
                "base.fvecs record 2, column v: truncated record: 8 of 16 bytes of floats",
                fvecsFailure(fvecs(4, one, one, one, one, 4, one, one)));
        assertEquals(
                "base.fvecs record 1, column v: dimension header -7 is outside [1, 65536]", fvecsFailure(fvecs(-7)));
        assertEquals(
                "base.fvecs record 1, column v: dimension header 2147483647 is outside [1, 65536]",
                fvecsFailure(fvecs(Integer.MAX_VALUE, one)));
        assertEquals(
                "base.fvecs record 2, column v: expected dimension 4, the record has 3",
                fvecsFailure(fvecs(4, one, one, one, one, 3, one, one, one)));
        assertEquals(
                "base.fvecs record 1, column v: truncated dimension header (2 of 4 bytes)",
                fvecsFailure(new byte[] {4, 0}));
    }

    @Test
    void garbageArrowIsTyped() throws Exception {
        Path file = dir.resolve("bad.arrow");
        Files.write(file, "ARROW1\0\0garbage that is not an arrow file at all".getBytes());
        assertThrows(
                CopyFormatException.class,
                () -> CopyTestSupport.read(file, CopyFormat.ARROW, table(), CopyOptions.DEFAULTS));
        Files.write(file, new byte[] {-1, -1, -1, -1, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
        assertThrows(
                CopyFormatException.class,
                () -> CopyTestSupport.read(file, CopyFormat.ARROW, table(), CopyOptions.DEFAULTS));
    }
}
