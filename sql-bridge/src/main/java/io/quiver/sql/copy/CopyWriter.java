package io.quiver.sql.copy;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * COPY (query) TO: streams a JDBC result set into a file, one row in memory at a time (ARROW:
 * one record batch). The file is written under a temporary name in the target's folder, forced to
 * disk, then moved over the target: a failed COPY TO leaves no partial file and the old file, if
 * any, intact. What it writes, {@link CopyReader} reads back into the same values.
 */
public final class CopyWriter {
    private CopyWriter() {}

    /** Writes {@code rows} to {@code file} and returns the number of rows written; ARROW uses its own allocator. */
    public static long write(CopyFormat format, Path file, ResultSet rows, CopyOptions options)
            throws IOException, SQLException {
        try (BufferAllocator allocator = new RootAllocator()) {
            return write(format, file, rows, options, allocator);
        }
    }

    /** Like {@link #write(CopyFormat, Path, ResultSet, CopyOptions)}, ARROW's batches taken from {@code allocator}. */
    public static long write(
            CopyFormat format, Path file, ResultSet rows, CopyOptions options, BufferAllocator allocator)
            throws IOException, SQLException {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(rows, "rows is null");
        Objects.requireNonNull(options, "options is null");
        List<JdbcColumn> columns = JdbcColumn.of(rows.getMetaData());
        Set<String> labels = new HashSet<>();
        for (JdbcColumn c : columns) {
            if (!labels.add(c.label.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("COPY TO: two columns are labelled " + c.label
                        + " (the file could not be read back by name); give them distinct aliases");
            }
        }
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            long written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                written = writeRows(format, columns, rows, new Unclosable(out), options, allocator);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            return written;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static long writeRows(
            CopyFormat format,
            List<JdbcColumn> columns,
            ResultSet rows,
            OutputStream out,
            CopyOptions options,
            BufferAllocator allocator)
            throws IOException, SQLException {
        ArrowCopyWriter arrow = null;
        RowWriter writer = switch (format) {
            case CSV -> new CsvCopyWriter(columns, out, options);
            case JSON -> new JsonCopyWriter(columns, out);
            case ARROW -> arrow = new ArrowCopyWriter(columns, out, allocator, options.batchRows());
            case FVECS -> new FvecsCopyWriter(columns, out);
        };
        try {
            Object[] values = new Object[columns.size()];
            long n = 0;
            while (rows.next()) {
                n++;
                for (int i = 0; i < values.length; i++) {
                    try {
                        values[i] = columns.get(i).read(rows, i + 1, n);
                    } catch (ClassCastException e) {
                        throw new SQLDataException(
                                "column " + columns.get(i).label + ", row " + n
                                        + ": the driver returned a value of another type (" + e.getMessage() + ")",
                                e);
                    }
                }
                writer.write(values, n);
            }
            writer.finish();
            return n;
        } finally {
            if (arrow != null) {
                arrow.release();
            }
        }
    }

    /** The format writers close what they wrap; the file must stay open to be forced to disk. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
