package io.quiver.trino.metadata;

import io.quiver.engine.Dataset;
import io.quiver.engine.datafile.ColumnStats;
import io.quiver.engine.schema.Column;
import io.trino.spi.statistics.ColumnStatistics;
import io.trino.spi.statistics.DoubleRange;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * What Trino's cost-based planner learns about a table version: its row count, and per column
 * the fraction of NULLs and, for numbers and dates, the range of values, all from the data
 * files' footers (deleted rows included: estimates).
 */
final class TableStats {
    private TableStats() {}

    static TableStatistics of(Dataset dataset) throws IOException {
        TableStatistics.Builder table = TableStatistics.builder().setRowCount(Estimate.of(dataset.count()));
        Map<String, ColumnStats> stats = dataset.columnStats();
        for (Column c : dataset.tableSchema().columns()) {
            ColumnStats s = stats.get(c.name());
            if (s.rows() == 0) {
                continue;
            }
            ColumnStatistics.Builder column = ColumnStatistics.builder();
            if (s.nullCountKnown()) {
                column.setNullsFraction(Estimate.of((double) s.nullCount() / s.rows()));
            }
            range(c, s).ifPresent(column::setRange);
            table.setColumnStatistics(QuiverMetadata.handleOf(c), column.build());
        }
        return table.build();
    }

    /** Bounds as doubles, for the types whose bounds Trino compares as numbers. */
    private static Optional<DoubleRange> range(Column c, ColumnStats s) {
        if (s.min() == null || s.max() == null) {
            return Optional.empty();
        }
        Double min = number(c, s.min());
        Double max = number(c, s.max());
        return min == null || max == null || min.isNaN() || max.isNaN() || min > max
                ? Optional.empty()
                : Optional.of(new DoubleRange(min, max));
    }

    private static Double number(Column c, Object bound) {
        return switch (c.type().id()) {
            case INT8, INT16, INT32, INT64, DATE32 -> (double) (Long) bound;
            case FLOAT32, FLOAT64 -> (Double) bound;
            case DECIMAL128 -> new BigDecimal((BigInteger) bound, c.type().scale()).doubleValue(); // kept unscaled
            // Trino compares timestamps in microseconds; zoned ones it keeps no range for.
            case TIMESTAMP ->
                c.type().timezone() == null
                        ? (double) (Long) bound
                                * TypeMapping.nanosPerUnit(c.type().timeUnit())
                                / 1000
                        : null;
            default -> null; // strings, binary, vectors
        };
    }
}
