package io.quiver.trino;

import io.quiver.engine.TableNotFoundException;
import io.quiver.engine.commit.VersionNotFoundException;
import io.quiver.format.CorruptFileException;
import io.quiver.format.UnsupportedFormatVersionException;
import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import java.io.IOException;

/** The connector's own error codes, and the engine's failures as typed Trino errors. */
public enum QuiverErrors implements ErrorCodeSupplier {
    /** A file failed its checksum or structure checks: the data is damaged, nothing was returned from it. */
    QUIVER_CORRUPT_FILE(0, ErrorType.EXTERNAL),
    /** A file written by a newer Quiver. */
    QUIVER_UNSUPPORTED_FORMAT(1, ErrorType.EXTERNAL),
    /** Reading the table's files failed (I/O). */
    QUIVER_READ_ERROR(2, ErrorType.EXTERNAL),
    /** The catalog's configuration is wrong. */
    QUIVER_CONFIG_ERROR(3, ErrorType.USER_ERROR);

    private final ErrorCode code;

    QuiverErrors(int offset, ErrorType type) {
        // Connectors number their codes from a base of their own (Trino's are below 0x0100_0000).
        this.code = new ErrorCode(0x0751_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return code;
    }

    /** A failure to list the warehouse folder. */
    public static TrinoException listing(java.nio.file.Path warehouse, IOException e) {
        return new TrinoException(
                QUIVER_READ_ERROR, "cannot list the warehouse " + warehouse + ": " + e.getMessage(), e);
    }

    /** A failure to read {@code table}, typed by its cause. */
    public static TrinoException read(String table, IOException e) {
        String message = "table " + table + ": " + e.getMessage();
        return switch (e) {
            case CorruptFileException c -> new TrinoException(QUIVER_CORRUPT_FILE, message, e);
            case UnsupportedFormatVersionException u -> new TrinoException(QUIVER_UNSUPPORTED_FORMAT, message, e);
            case TableNotFoundException t -> new TrinoException(StandardErrorCode.TABLE_NOT_FOUND, message, e);
            case VersionNotFoundException v -> new TrinoException(StandardErrorCode.INVALID_ARGUMENTS, message, e);
            default -> new TrinoException(QUIVER_READ_ERROR, message, e);
        };
    }
}
