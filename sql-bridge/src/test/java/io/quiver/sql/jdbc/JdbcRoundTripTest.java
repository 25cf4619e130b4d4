package io.quiver.sql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver through DriverManager: statements, prepared statements, vectors, blobs, metadata. */
class JdbcRoundTripTest {
    private static final long SEED = 20261202L;

    @TempDir
    Path dir;

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(QuiverDriver.PREFIX + dir);
    }

    @Test
    void preparedRowsComeBackWithVectorsAndStreamedBlobs() throws Exception {
        Random random = new Random(SEED);
        List<float[]> vectors = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                assertFalse(
                        s.execute(
                                "CREATE TABLE images (id BIGINT PRIMARY KEY, caption VARCHAR, embedding VECTOR(8), image BLOB)"));
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO images VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    float[] v = new float[8];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = random.nextFloat();
                    }
                    byte[] image = new byte[random.nextInt(20_000)];
                    random.nextBytes(image);
                    vectors.add(v);
                    images.add(image);
                    insert.setLong(1, i);
                    insert.setString(2, "row " + i);
                    if (i % 2 == 0) {
                        insert.setObject(3, v);
                    } else {
                        insert.setArray(3, c.createArrayOf("REAL", boxed(v)));
                    }
                    insert.setBytes(4, image);
                    assertEquals(1, insert.executeUpdate());
                }
            }
            try (PreparedStatement select =
                    c.prepareStatement("SELECT id, embedding, image FROM images WHERE id = ?")) {
                for (int i : new int[] {0, 17, 49}) {
                    select.setLong(1, i);
                    try (ResultSet rs = select.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i, rs.getLong(1));
                        Array array = rs.getArray(2);
                        assertArrayEquals(vectors.get(i), unboxed(array.getArray()));
                        Blob blob = rs.getBlob(3);
                        assertEquals(images.get(i).length, blob.length());
                        try (InputStream in = blob.getBinaryStream()) {
                            assertArrayEquals(images.get(i), in.readAllBytes());
                        }
                        assertArrayEquals(images.get(i), rs.getBytes(3));
                        assertEquals(Types.BLOB, rs.getMetaData().getColumnType(3));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void statementsReportCountsResultsAndTypedErrors() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR)");
            assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')"));
            assertEquals(2, s.getUpdateCount());
            assertEquals(null, s.getResultSet());
            assertTrue(s.execute("SELECT name FROM t ORDER BY id"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals("a", rs.getString("name"));
            }
            assertThrows(
                    SQLIntegrityConstraintViolationException.class,
                    () -> s.executeUpdate("INSERT INTO t VALUES (1, 'again')"));
            assertThrows(SQLException.class, () -> s.executeQuery("DELETE FROM t WHERE id = 2"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "the DELETE ran although executeQuery refused its result");
            }
            try (ResultSet tables = c.getMetaData().getTables(null, null, "t", null)) {
                assertTrue(tables.next());
                assertEquals("t", tables.getString("TABLE_NAME"));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM t WHERE id = ?")) {
                p.setNull(1, Types.BIGINT);
                try (ResultSet rs = p.executeQuery()) {
                    assertFalse(rs.next());
                }
                assertThrows(SQLException.class, () -> p.setLong(2, 1));
            }
        }
    }

    /** VARCHAR(n) over JDBC: the length in result and table metadata, 22001 for a longer value. */
    @Test
    void varcharLengthsAreReportedAndEnforced() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE v (id BIGINT PRIMARY KEY, code VARCHAR(3), name VARCHAR)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO v VALUES (?, ?, ?)")) {
                p.setLong(1, 1);
                p.setString(2, "abc");
                p.setString(3, "anything");
                assertEquals(1, p.executeUpdate());
                p.setLong(1, 2);
                p.setString(2, "abcd");
                SQLException e = assertThrows(SQLDataException.class, p::executeUpdate);
                assertEquals("22001", e.getSQLState());
            }
            try (ResultSet rs = s.executeQuery("SELECT code, name FROM v")) {
                assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
                assertEquals(3, rs.getMetaData().getPrecision(1));
                assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(2));
                assertTrue(rs.next());
                assertEquals("abc", rs.getString(1));
                assertFalse(rs.next());
            }
            try (ResultSet columns = c.getMetaData().getColumns(null, null, "v", "code")) {
                assertTrue(columns.next());
                assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
                assertEquals(3, columns.getInt("COLUMN_SIZE"));
            }
        }
    }

    @Test
    void timestampsKeepMicrosecondsThroughTheDriver() throws Exception {
        java.time.LocalDateTime before1970 = java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tsm (id BIGINT PRIMARY KEY, ts TIMESTAMP)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tsm VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setTimestamp(2, java.sql.Timestamp.valueOf(before1970));
                insert.executeUpdate();
                insert.setLong(1, 2);
                insert.setObject(2, before1970.plusNanos(2_000));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT id, ts FROM tsm WHERE ts >= ? ORDER BY id")) {
                select.setTimestamp(1, java.sql.Timestamp.valueOf(before1970.plusNanos(1_000)));
                try (ResultSet rs = select.executeQuery()) {
                    assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(2));
                    assertEquals(6, rs.getMetaData().getPrecision(2));
                    assertTrue(rs.next());
                    assertEquals(2L, rs.getLong(1));
                    assertEquals(1_000, rs.getTimestamp(2).getNanos(), "1970-01-01 00:00:00.000001");
                    assertEquals(before1970.plusNanos(2_000), rs.getObject(2, java.time.LocalDateTime.class));
                    assertEquals("1970-01-01 00:00:00.000001", rs.getString(2));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void connectionCloseReleasesEverything() throws Exception {
        Connection c = connect();
        Statement s = c.createStatement();
        s.execute("CREATE TABLE t (id BIGINT, v VECTOR(2))");
        s.execute("INSERT INTO t VALUES (1, ARRAY[1, 2])");
        ResultSet open = s.executeQuery("SELECT * FROM t");
        assertTrue(open.next());
        c.close(); // with a result set still open: the session's allocator must close cleanly
        assertTrue(c.isClosed());
        assertThrows(SQLException.class, c::createStatement);
        assertNull(DriverManager.getDriver(QuiverDriver.PREFIX + dir).connect("jdbc:other:x", null));
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static float[] unboxed(Object array) {
        if (array instanceof float[] f) {
            return f;
        }
        Object[] boxed = (Object[]) array;
        float[] out = new float[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) boxed[i]).floatValue();
        }
        return out;
    }
}
