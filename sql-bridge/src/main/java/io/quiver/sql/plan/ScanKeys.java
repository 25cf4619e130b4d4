package io.quiver.sql.plan;

import io.quiver.engine.pk.PrimaryKey;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The primary key as Calcite's metadata sees it, in the positions of a scan's own row. A table's
 * {@code Statistic} can only name key columns by their position in the whole table; once
 * projection pushdown narrows a {@link QuiverScan}, those positions point at other columns, and
 * Calcite dropped GROUP BYs over a column it wrongly took for the key. Tables therefore report no
 * keys in their statistic and hand Calcite this handler (through {@code unwrap}) instead.
 */
public final class ScanKeys {
    private static final BuiltInMetadata.UniqueKeys.Handler UNIQUE_KEYS = (rel, mq, ignoreNulls) -> {
        ImmutableBitSet key = keyOf(rel);
        return key == null ? Set.of() : Set.of(key);
    };

    private static final BuiltInMetadata.ColumnUniqueness.Handler COLUMN_UNIQUENESS =
            (rel, mq, columns, ignoreNulls) -> {
                ImmutableBitSet key = keyOf(rel);
                return key != null && columns.contains(key);
            };

    private ScanKeys() {}

    /** The handler of {@code type} for a table's scans, or null when this class has none of that type. */
    public static <C> C handler(Class<C> type) {
        if (type == BuiltInMetadata.UniqueKeys.Handler.class) {
            return type.cast(UNIQUE_KEYS);
        }
        return type == BuiltInMetadata.ColumnUniqueness.Handler.class ? type.cast(COLUMN_UNIQUENESS) : null;
    }

    /** The key's positions in the scan's row, or null when it has no key or does not return all of it. */
    static ImmutableBitSet keyOf(RelNode rel) {
        if (!(rel instanceof QuiverScan scan)) {
            return null;
        }
        PrimaryKey key = scan.quiverTable().key();
        if (key == null) {
            return null;
        }
        List<Integer> returned = scan.plan().columns();
        ImmutableBitSet.Builder positions = ImmutableBitSet.builder();
        for (int column : key.positions(scan.quiverTable().schema())) {
            int at = returned.indexOf(column);
            if (at < 0) {
                return null;
            }
            positions.set(at);
        }
        return positions.build();
    }
}
