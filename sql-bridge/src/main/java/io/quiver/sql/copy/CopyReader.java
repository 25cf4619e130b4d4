package io.quiver.sql.copy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * COPY FROM: a file as a stream of Arrow batches in a table's schema.
 *
 * <p>Value forms (CSV text; JSON takes the same text in strings or numbers):
 * <ul>
 *   <li>BOOL: true/false/t/f/1/0 (any case); JSON true/false.
 *   <li>INT8..INT64: decimal digits, range-checked; FLOAT32/64: Java syntax, NaN, Infinity;
 *       DECIMAL(p, s): at most s decimal places and p - s integer digits (never rounded).
 *   <li>DATE32: {@code 2024-01-31}; TIMESTAMP: {@code 2024-01-31T10:00:00[.fff]} or with a space,
 *       optional offset or [zone]; without one, the time is wall-clock time in the column's zone.
 *   <li>UTF8: as is; into VARCHAR(n) at most n characters, spaces past n dropped (a longer value
 *       is a CopyFormatException with SQLSTATE 22001, as an INSERT of it would be). BINARY and
 *       BLOB: hex ({@code \x89504e47} or {@code 89504E47}); JSON base64.
 *   <li>VECTOR(n): {@code [0.1, 0.2]}, {@code 0.1 0.2} or {@code 0.1,0.2}; JSON an array of numbers.
 * </ul>
 * CSV: an empty unquoted field is NULL. JSON: null or a missing key is NULL. Every bad value or
 * malformed file is a {@link CopyFormatException} naming the file, the line or record and the column.
 */
public final class CopyReader {
    private CopyReader() {}

    /**
     * A streaming reader of {@code file}: batches of at most {@code options.batchRows()} rows whose
     * schema is exactly {@code target}. The reader owns its batches; close it to release them.
     *
     * @throws CopyFormatException when the file's header or schema does not fit {@code target}
     *     (bad rows are reported by {@code loadNextBatch})
     * @throws IllegalArgumentException when {@code target} cannot be loaded in this format
     */
    public static ArrowReader open(
            CopyFormat format, Path file, Schema target, BufferAllocator allocator, CopyOptions options)
            throws IOException {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(allocator, "allocator is null");
        Objects.requireNonNull(options, "options is null");
        return switch (format) {
            case CSV -> new CsvCopyReader(file, target, allocator, options);
            case JSON -> new JsonCopyReader(file, target, allocator, options);
            case ARROW -> new ArrowCopyReader(file, target, allocator, options);
            case FVECS -> new FvecsCopyReader(file, target, allocator, options);
        };
    }
}
