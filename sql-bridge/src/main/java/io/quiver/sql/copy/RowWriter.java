package io.quiver.sql.copy;

import java.io.IOException;
import java.sql.SQLException;

/** Writes the rows of a COPY TO, as {@link JdbcColumn} values, in one file format. */
interface RowWriter {
    void write(Object[] row, long rowNumber) throws IOException, SQLException;

    /** Writes what remains (an Arrow footer, ...); the caller then flushes and closes the stream. */
    void finish() throws IOException, SQLException;
}
