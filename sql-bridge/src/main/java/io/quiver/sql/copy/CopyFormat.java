package io.quiver.sql.copy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats of {@code COPY ... (FORMAT name)}. */
public enum CopyFormat {
    /** RFC 4180 text, one row a record; see {@link CopyReader} for the value forms. */
    CSV,
    /** Newline-delimited JSON objects (or one top-level array of objects), keys = column names. */
    JSON,
    /** Arrow IPC, file or stream format (read), file format (write). */
    ARROW,
    /** The ANN benchmark vector format: per vector an int32 LE dimension, then the float32 LE values. */
    FVECS;

    /** The format named {@code name}, case-insensitive; IllegalArgumentException naming the valid ones. */
    public static CopyFormat of(String name) {
        if (name != null) {
            for (CopyFormat f : values()) {
                if (f.name().equalsIgnoreCase(name.strip())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown COPY format '" + name + "': expected one of "
                + Arrays.stream(values())
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
