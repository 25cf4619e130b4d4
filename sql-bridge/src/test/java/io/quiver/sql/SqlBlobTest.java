package io.quiver.sql;

import static io.quiver.sql.SqlTestSupport.column;
import static io.quiver.sql.SqlTestSupport.explain;
import static io.quiver.sql.SqlTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BLOB columns in SQL: VARBINARY's answers (PostgreSQL's for bytea) in every expression, while a
 * selected BLOB still reads nothing until the result set is asked, OCTET_LENGTH reads no byte and
 * SUBSTRING only its range (io.quiver.sql.plan.BlobReads). Random values against DuckDB:
 * {@code io.quiver.sql.oracle.SqlBlobOracleTest}.
 */
class SqlBlobTest {
    /** The engine keeps BLOB values shorter than this in the data file, longer ones in packs. */
    private static final int INLINE_LIMIT = 4096;

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    @Test
    void nullAndEmptyBlobsAnswerAsVarbinaryDoes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, pic BLOB, vb VARBINARY)");
            sql.execute("INSERT INTO p VALUES (1, NULL, NULL), (2, X'', X''), (3, X'01', X'01')");
            for (String c : List.of("pic", "vb")) {
                String from = " FROM p ORDER BY id";
                assertEquals(Arrays.asList(null, 0L, 1L), column(sql, "SELECT octet_length(" + c + ")" + from), c);
                assertEquals(
                        Arrays.asList(null, hex(""), hex("")),
                        column(sql, "SELECT SUBSTRING(" + c + " FROM 2)" + from),
                        c);
                assertEquals(
                        Arrays.asList(null, hex(""), hex("01")),
                        column(sql, "SELECT SUBSTRING(" + c + " FROM 0 FOR 2)" + from),
                        c);
                assertEquals(Arrays.asList(null, true, false), column(sql, "SELECT " + c + " = X''" + from), c);
                assertEquals(List.of(true, false, false), column(sql, "SELECT " + c + " IS NULL" + from), c);
                assertEquals(
                        Arrays.asList(null, hex("ff"), hex("01ff")),
                        column(sql, "SELECT " + c + " || X'FF'" + from),
                        c);
                assertEquals(
                        List.of(hex("ee"), hex(""), hex("01")),
                        column(sql, "SELECT COALESCE(" + c + ", X'EE')" + from),
                        c);
                assertEquals(
                        Arrays.asList(null, 1L, 0L),
                        column(sql, "SELECT POSITION(X'' IN " + c + ") - POSITION(X'01' IN " + c + ")" + from),
                        c);
                assertEquals(List.of(2L), column(sql, "SELECT COUNT(" + c + ") FROM p"), c);
                assertEquals(List.of(1L), column(sql, "SELECT id FROM p WHERE " + c + " IS NULL"), c);
                assertEquals(List.of(2L), column(sql, "SELECT id FROM p WHERE " + c + " = X''"), c);
            }
            // A selected BLOB is a BLOB, NULL and empty ones too.
            assertEquals(Arrays.asList(null, hex(""), hex("01")), column(sql, "SELECT pic FROM p ORDER BY id"));
        }
    }

    /** SUBSTRING's positions, as PostgreSQL answers for bytea; the same for BLOB and VARBINARY. */
    @Test
    void substringCountsBytesFromOneAsPostgresqlDoes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, pic BLOB, vb VARBINARY)");
            sql.execute("INSERT INTO p VALUES (1, X'0102030405', X'0102030405')");
            // Each row: FROM, FOR (or null), PostgreSQL's answer.
            List<Object[]> cases = List.of(
                    new Object[] {"2", "3", "020304"},
                    new Object[] {"1", null, "0102030405"},
                    new Object[] {"0", null, "0102030405"},
                    new Object[] {"-3", null, "0102030405"},
                    new Object[] {"0", "2", "01"},
                    new Object[] {"-1", "3", "01"},
                    new Object[] {"-10", "5", ""},
                    new Object[] {"-2", "2", ""},
                    new Object[] {"5", "100", "05"},
                    new Object[] {"6", null, ""},
                    new Object[] {"6", "1", ""},
                    new Object[] {"100", "2", ""},
                    new Object[] {"2", "0", ""},
                    new Object[] {"2147483647", "2147483647", ""},
                    new Object[] {"-2147483648", "2147483647", ""},
                    new Object[] {"-2147483647", "2147483647", ""});
            for (Object[] c : cases) {
                String args = c[0] + (c[1] == null ? "" : " FOR " + c[1]);
                for (String column : List.of("pic", "vb")) {
                    String q = "SELECT SUBSTRING(" + column + " FROM " + args + ") FROM p";
                    assertEquals(List.of(hex((String) c[2])), column(sql, q), q);
                }
            }
            for (String column : List.of("pic", "vb")) {
                SQLException e = assertThrows(
                        SQLException.class, () -> query(sql, "SELECT SUBSTRING(" + column + " FROM 2 FOR -1) FROM p"));
                assertEquals("22011", e.getSQLState(), e::toString);
                assertEquals(
                        Arrays.asList((Object) null),
                        column(sql, "SELECT SUBSTRING(" + column + " FROM 2 FOR CAST(NULL AS INTEGER)) FROM p"));
                assertEquals(
                        List.of(hex("0203")),
                        column(
                                sql,
                                "SELECT SUBSTRING(" + column
                                        + " FROM CAST(? AS INTEGER) FOR CAST(? AS INTEGER)) FROM p",
                                2,
                                2));
                assertEquals(
                        List.of(hex("01ff030405")),
                        column(sql, "SELECT OVERLAY(" + column + " PLACING X'FF' FROM 2) FROM p"),
                        column);
                assertEquals(
                        List.of(hex("0102030405eeff")),
                        column(sql, "SELECT OVERLAY(" + column + " PLACING X'EEFF' FROM 9 FOR 1) FROM p"),
                        column);
            }
        }
    }

    /** Inline (short) and packed (long) blobs give the same answers, across 64 KiB chunk boundaries too. */
    @Test
    void inlineAndPackedBlobsAnswerAlike() throws Exception {
        Random random = new Random(11);
        int[] sizes = {1, 100, INLINE_LIMIT - 1, INLINE_LIMIT, INLINE_LIMIT + 1, CHUNK + 7, 3 * CHUNK + 100};
        List<byte[]> values = new ArrayList<>();
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, pic BLOB)");
            for (int i = 0; i < sizes.length; i++) {
                byte[] v = new byte[sizes[i]];
                random.nextBytes(v);
                values.add(v);
                sql.execute("INSERT INTO p VALUES (?, ?)", (long) i, v);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                assertTrue(
                        files.anyMatch(f -> f.getFileName().toString().endsWith(".qvb")),
                        "the long values went to blob packs");
            }
            for (int i = 0; i < sizes.length; i++) {
                byte[] v = values.get(i);
                long id = i;
                assertEquals(List.of((long) v.length), column(sql, "SELECT octet_length(pic) FROM p WHERE id = ?", id));
                assertEquals(List.of(ByteBuffer.wrap(v)), column(sql, "SELECT pic FROM p WHERE id = ?", id));
                int from = Math.max(1, v.length - CHUNK - 3); // spans a chunk's end when the blob has two
                int length = 12;
                byte[] expected = Arrays.copyOfRange(v, from - 1, Math.min(v.length, from - 1 + length));
                assertEquals(
                        List.of(ByteBuffer.wrap(expected)),
                        column(
                                sql,
                                "SELECT SUBSTRING(pic FROM CAST(? AS INTEGER) FOR CAST(? AS INTEGER)) FROM p WHERE id = ?",
                                from,
                                length,
                                id));
                assertEquals(List.of(id), column(sql, "SELECT id FROM p WHERE pic = ?", v));
                byte[] other = v.clone();
                other[other.length - 1] ^= 1;
                assertEquals(List.of(), column(sql, "SELECT id FROM p WHERE pic = ?", other));
            }
            List<Long> byBytes = new ArrayList<>();
            for (long i = 0; i < sizes.length; i++) {
                byBytes.add(i);
            }
            byBytes.sort((a, b) -> Arrays.compareUnsigned(values.get(a.intValue()), values.get(b.intValue())));
            assertEquals(byBytes, column(sql, "SELECT id FROM p ORDER BY pic"));
        }
    }

    /** Comparisons and orders are by unsigned bytes, a prefix first; NULL last ascending, first descending. */
    @Test
    void blobsCompareSortGroupAndDistinctByUnsignedBytes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, pic BLOB)");
            sql.execute("INSERT INTO p VALUES (1, X'80'), (2, X'7F'), (3, X'FF'), (4, X''), (5, NULL),"
                    + " (6, X'0000'), (7, X'00'), (8, X'FF00'), (9, X'7F'), (10, X'01'), (11, NULL)");
            List<ByteBuffer> ascending = Stream.of("", "00", "0000", "01", "7f", "7f", "80", "ff", "ff00")
                    .map(SqlBlobTest::hex)
                    .toList();
            List<Object> expected = new ArrayList<>(ascending);
            expected.add(null);
            expected.add(null);
            assertEquals(expected, column(sql, "SELECT pic FROM p ORDER BY pic"));
            assertEquals(
                    List.of(4L, 7L, 6L, 10L, 2L, 9L, 1L, 3L, 8L, 5L, 11L),
                    column(sql, "SELECT id FROM p ORDER BY pic, id"));
            assertEquals(
                    List.of(11L, 5L, 8L, 3L, 1L, 9L, 2L, 10L, 6L, 7L, 4L),
                    column(sql, "SELECT id FROM p ORDER BY pic DESC, id DESC"));
            assertEquals(List.of(3L, 8L), column(sql, "SELECT id FROM p WHERE pic > X'80' ORDER BY id"));
            assertEquals(List.of(4L, 6L, 7L, 10L), column(sql, "SELECT id FROM p WHERE pic < X'7F' ORDER BY id"));
            assertEquals(
                    List.of(1L, 2L, 9L), column(sql, "SELECT id FROM p WHERE pic BETWEEN X'7F' AND X'80' ORDER BY id"));
            assertEquals(List.of(2L, 3L, 9L), column(sql, "SELECT id FROM p WHERE pic IN (X'7F', X'FF') ORDER BY id"));
            assertEquals(List.of(List.of(hex(""), hex("ff00"))), query(sql, "SELECT MIN(pic), MAX(pic) FROM p"));
            assertEquals(List.of(List.of(9L, 8L)), query(sql, "SELECT COUNT(pic), COUNT(DISTINCT pic) FROM p"));
            List<Object> distinct =
                    new ArrayList<>(ascending.stream().distinct().toList());
            distinct.add(null);
            assertEquals(distinct, column(sql, "SELECT DISTINCT pic FROM p ORDER BY pic"));
            assertEquals(
                    List.of(Arrays.asList(hex("7f"), 2L), Arrays.asList(null, 2L)),
                    query(sql, "SELECT pic, COUNT(*) FROM p GROUP BY pic HAVING COUNT(*) > 1 ORDER BY pic"));
            assertEquals(
                    List.of(List.of(2L, 9L), List.of(9L, 2L)),
                    query(sql, "SELECT a.id, b.id FROM p a JOIN p b ON a.pic = b.pic WHERE a.id <> b.id ORDER BY 1"));
            assertEquals(
                    List.of(2L, 9L),
                    column(sql, "SELECT id FROM p WHERE pic IN (SELECT pic FROM p WHERE id = 9) ORDER BY id"));
            assertEquals(
                    List.of(List.of(1L, 3L), List.of(2L, 1L), List.of(9L, 1L)),
                    query(sql, "SELECT id, RANK() OVER (ORDER BY pic) FROM p WHERE id IN (1, 2, 9) ORDER BY id"));
        }
    }

    /**
     * What a query reads of a 10 MB packed blob, proved by damage: a byte of its first 64 KiB
     * chunk is flipped in the pack. Every read of that chunk checks its CRC32C and fails, so a
     * query that succeeds never read it: selecting the blob, its OCTET_LENGTH and a SUBSTRING
     * further on succeed; reading its bytes, a SUBSTRING of its start and a comparison fail.
     */
    @Test
    void aSelectedBlobReadsNothingAndSubstringReadsOnlyItsRange() throws Exception {
        byte[] big = new byte[10_000_000];
        new Random(5).nextBytes(big);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, g INTEGER, pic BLOB)");
            sql.execute("INSERT INTO p VALUES (1, 1, ?), (2, 2, X'0102')", big);
        }
        flipByteOfPack(Arrays.copyOf(big, 32), 1_000);
        try (QuiverSql sql = QuiverSql.open(dir)) {
            try (ResultSet rs = sql.execute("SELECT id, pic FROM p WHERE g = 1").rows()) {
                assertTrue(rs.next());
                assertEquals(Types.BLOB, rs.getMetaData().getColumnType(2));
                java.sql.Blob blob = assertInstanceOf(java.sql.Blob.class, rs.getObject(2));
                assertEquals(big.length, blob.length());
                assertArrayEquals(Arrays.copyOfRange(big, 100_000, 100_016), blob.getBytes(100_001, 16));
                SQLException e = assertThrows(SQLException.class, () -> rs.getBytes(2));
                assertTrue(e.getMessage().contains("checksum"), e::toString);
                assertFalse(rs.next());
            }
            assertEquals(List.of((long) big.length), column(sql, "SELECT octet_length(pic) FROM p WHERE id = 1"));
            assertEquals(
                    List.of(ByteBuffer.wrap(Arrays.copyOfRange(big, 100_000, 100_016))),
                    column(sql, "SELECT SUBSTRING(pic FROM 100001 FOR 16) FROM p WHERE id = 1"));
            assertEquals(
                    List.of(ByteBuffer.wrap(Arrays.copyOfRange(big, big.length - 3, big.length))),
                    column(sql, "SELECT SUBSTRING(pic FROM " + (big.length - 2) + ") FROM p WHERE g = 1"));
            assertEquals(List.of(1L), column(sql, "SELECT id FROM p WHERE pic IS NOT NULL AND g < 2"));
            for (String reads : List.of(
                    "SELECT SUBSTRING(pic FROM 1 FOR 16) FROM p WHERE id = 1",
                    "SELECT id FROM p WHERE pic = X'00'",
                    "SELECT pic || X'00' FROM p WHERE id = 1")) {
                SQLException e = assertThrows(SQLException.class, () -> query(sql, reads), reads);
                assertEquals("XX001", e.getSQLState(), () -> reads + ": " + e);
            }
        }
    }

    /** Flips the byte {@code offset} bytes past where {@code marker} is found in the table's only blob pack. */
    private void flipByteOfPack(byte[] marker, int offset) throws Exception {
        Path pack;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> packs = files.filter(f -> f.getFileName().toString().endsWith(".qvb"))
                    .toList();
            assertEquals(1, packs.size(), packs::toString);
            pack = packs.getFirst();
        }
        byte[] bytes = Files.readAllBytes(pack);
        int at = indexOf(bytes, marker);
        assertTrue(at >= 0, "the blob's first bytes are in its pack");
        try (FileChannel f = FileChannel.open(pack, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[] {(byte) ~bytes[at + offset]}), at + offset);
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the bytes are not needed the plan reads none, and filters on other columns still reach the engine. */
    @Test
    void plansReadBlobBytesOnlyWhereNeededAndPushFiltersDown() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, g INTEGER, pic BLOB)");
            sql.execute("INSERT INTO p VALUES (1, 1, X'01'), (2, 2, NULL)");
            String selected = explain(sql, "SELECT id, pic FROM p WHERE g = 1");
            assertTrue(selected.contains("filter=[g = 1]"), selected);
            assertFalse(selected.contains("blob"), selected);
            String nulls = explain(sql, "SELECT id FROM p WHERE pic IS NULL AND g > 0");
            assertTrue(nulls.contains("filter=[(pic IS NULL) AND (g > 0)]"), nulls);
            String ranged =
                    explain(sql, "SELECT SUBSTRING(pic FROM 100001 FOR 16), octet_length(pic) FROM p WHERE id = 1");
            assertTrue(ranged.contains("lookup="), ranged);
            assertTrue(ranged.contains("blobSubstring(") && ranged.contains("blobLength("), ranged);
            assertFalse(ranged.contains("blobBytes"), ranged);
            String compared = explain(sql, "SELECT id FROM p WHERE g = 1 AND pic = X'01'");
            assertTrue(compared.contains("filter=[g = 1]") && compared.contains("blobBytes("), compared);
            String counted = explain(sql, "SELECT COUNT(pic) FROM p WHERE g = 1");
            assertFalse(counted.contains("blobBytes"), counted);
        }
    }

    /**
     * A BLOB column of the result is a BLOB for JDBC (java.sql.Blob, read when asked), also
     * when the query sorted, grouped or joined on it; a value computed from one is a VARBINARY.
     * Tables made from a query, INSERT ... SELECT and UPDATE take either.
     */
    @Test
    void resultsWriteBackAndKeepTheirJdbcTypes() throws Exception {
        try (QuiverSql sql = QuiverSql.open(dir)) {
            sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, pic BLOB)");
            sql.execute("INSERT INTO p VALUES (1, X'0102030405'), (2, X'FF'), (3, NULL)");
            List<String> blobs = List.of(
                    "SELECT pic FROM p",
                    "SELECT pic FROM p ORDER BY pic",
                    "SELECT DISTINCT pic FROM p",
                    "SELECT pic, COUNT(*) FROM p GROUP BY pic",
                    "SELECT a.pic FROM p a JOIN p b ON a.pic = b.pic",
                    "SELECT pic FROM p UNION ALL SELECT pic FROM p");
            for (String q : blobs) {
                try (ResultSet rs = sql.execute(q).rows()) {
                    assertEquals(Types.BLOB, rs.getMetaData().getColumnType(1), q);
                    while (rs.next()) {
                        Object value = rs.getObject(1);
                        assertTrue(value == null || value instanceof java.sql.Blob, () -> q + ": " + value);
                    }
                }
            }
            List<String> bytes = List.of(
                    "SELECT SUBSTRING(pic FROM 2) FROM p",
                    "SELECT COALESCE(pic, X'') FROM p",
                    "SELECT pic || X'00' FROM p",
                    "SELECT pic FROM p UNION ALL SELECT X'00'",
                    "SELECT MAX(pic) FROM p");
            for (String q : bytes) {
                try (ResultSet rs = sql.execute(q).rows()) {
                    assertEquals(Types.VARBINARY, rs.getMetaData().getColumnType(1), q);
                    while (rs.next()) {
                        Object value = rs.getObject(1);
                        assertTrue(value == null || value instanceof byte[], () -> q + ": " + value);
                    }
                }
            }
            sql.execute("CREATE TABLE c AS SELECT id, pic, SUBSTRING(pic FROM 1 FOR 2) AS head FROM p");
            assertEquals(
                    List.of("BLOB", "VARBINARY"),
                    query(sql, "DESCRIBE c").stream()
                            .filter(r -> List.of("pic", "head").contains(r.get(0)))
                            .map(r -> r.get(2))
                            .toList());
            sql.execute("INSERT INTO c SELECT id + 10, SUBSTRING(pic FROM 4), pic FROM p");
            sql.execute("UPDATE c SET pic = pic || X'EE', head = SUBSTRING(pic FROM 2 FOR 1) WHERE id = 1");
            assertEquals(
                    List.of(
                            List.of(1L, hex("0102030405ee"), hex("02")),
                            List.of(2L, hex("ff"), hex("ff")),
                            Arrays.asList(3L, null, null),
                            List.of(11L, hex("0405"), hex("0102030405")),
                            List.of(12L, hex(""), hex("ff")),
                            Arrays.asList(13L, null, null)),
                    query(sql, "SELECT id, pic, head FROM c ORDER BY id"));
            assertEquals(
                    List.of(List.of(1L, 5L), List.of(2L, 1L)),
                    query(
                            sql,
                            "SELECT id, (SELECT octet_length(pic) FROM p q WHERE q.id = p.id) FROM p"
                                    + " WHERE id < 3 ORDER BY id"));
        }
    }
}
