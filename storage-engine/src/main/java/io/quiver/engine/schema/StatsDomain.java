package io.quiver.engine.schema;

/** How a type's values are ordered for statistics and filters. */
public enum StatsDomain {
    /** false < true, held as 0 / 1. */
    BOOL,
    /** Signed 64-bit integers (all integer types, dates, timestamps). */
    LONG,
    /** Doubles in {@link Double#compare} order: -0.0 before 0.0, NaN after +Infinity. */
    DOUBLE,
    /** Exact decimals ({@link java.math.BigDecimal}). */
    DECIMAL,
    /** Unsigned lexicographic bytes; for UTF-8 this is code point order. */
    BYTES,
    /** No order: only null counts are kept and only IS [NOT] NULL filters apply. */
    NONE
}
