package io.quiver.sql.exec;

import io.quiver.engine.Dataset;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.plan.FilterBinder;
import io.quiver.sql.plan.FilterDelete;
import io.quiver.sql.plan.ModifySpec;
import io.quiver.sql.schema.QuiverTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

/**
 * Runs UPDATE and DELETE when the statement executes (called from the code Calcite generates):
 * reads the rows the plan selects, then commits one engine operation, guarded by the rows read
 * (their addresses): if another writer changed any of them since, the engine commits nothing and
 * raises {@link io.quiver.engine.RowsChangedException}, and the session runs the statement again.
 * Each returns one row, the number of rows changed.
 */
public final class ModifyExecutor {
    private ModifyExecutor() {}

    /** The modification of a Quiver table by the rows its plan reads. */
    public static Enumerable<Long> run(DataContext context, ModifySpec spec, Enumerable<Object[]> rows) {
        return once(() -> spec.operation() == TableModify.Operation.UPDATE ? update(spec, rows) : delete(spec, rows));
    }

    /** A DELETE the table's engine runs from a filter, on the version it commits on. */
    public static Enumerable<Long> deleteWhere(DataContext context, FilterDelete delete) {
        return once(() -> {
            TableSchema schema = delete.table().schema();
            IntFunction<Object> params = i -> context.get("?" + i);
            FilterBinder.Bound bound = FilterBinder.bind(delete.filter(), schema, params);
            if (bound instanceof FilterBinder.Bound.Always(boolean all) && !all) {
                return 0L;
            }
            Expr filter = bound instanceof FilterBinder.Bound.Filter(Expr e) ? e : null;
            if (delete.format() != null) {
                return delete.format().delete(delete.table().name(), filter);
            }
            return ((QuiverTable) delete.table()).dataset().delete(filter != null ? filter : everything(schema));
        });
    }

    /** A filter every row passes (the engine's delete takes a filter; a DELETE may have none). */
    private static Expr everything(TableSchema schema) {
        String first = schema.columns().getFirst().name();
        return Filters.or(Filters.isNull(first), Filters.not(Filters.isNull(first)));
    }

    /**
     * UPDATE: the rows with their new values in one batch, written by key (upsert) or, on a table
     * without a key, in place of the rows read (by address).
     */
    private static long update(ModifySpec spec, Enumerable<Object[]> input) throws IOException, SQLException {
        QuiverTable table = spec.table();
        Dataset ds = table.dataset();
        List<Column> columns = table.schema().columns();
        int[] fields = spec.newValueFields();
        int[] all = new int[columns.size()];
        Arrays.setAll(all, c -> c);
        List<Long> read = new ArrayList<>();
        RowSource rows = new UpdatedRows(input.enumerator(), columns, fields, spec.addressField());
        try (RowBatches batch = new RowBatches(ds.allocator(), rows, table.schema(), all, Integer.MAX_VALUE)
                .collectingTrailingLongs(read::add)) {
            if (!batch.loadNextBatch()) {
                return 0;
            }
            long[] addresses = distinct(read);
            VectorSchemaRoot changed = batch.getVectorSchemaRoot();
            if (table.key() == null) {
                ds.replaceRows(addresses, changed);
            } else {
                ds.upsert(changed, addresses);
            }
            return changed.getRowCount();
        }
    }

    /** DELETE of the rows read: by their keys, or on a table without a key by their addresses. */
    private static long delete(ModifySpec spec, Enumerable<Object[]> input) throws IOException, SQLException {
        QuiverTable table = spec.table();
        Dataset ds = table.dataset();
        List<Column> keyColumns = table.key() == null
                ? List.of()
                : table.key().columns().stream().map(table.schema()::column).toList();
        List<Integer> keyFields = keyColumns.stream()
                .map(c -> table.schema().columns().indexOf(c))
                .toList();
        List<Long> read = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        try (Enumerator<Object[]> rows = input.enumerator()) {
            while (rows.moveNext()) {
                Object[] row = rows.current();
                long address = ((Number) row[spec.addressField()]).longValue();
                if (!seen.add(address)) {
                    continue; // a row the plan read twice is deleted once
                }
                read.add(address);
                Object[] key = new Object[keyColumns.size()];
                for (int k = 0; k < key.length; k++) {
                    key[k] = keyValue(keyColumns.get(k), row[keyFields.get(k)]);
                }
                keys.add(key);
            }
        }
        if (read.isEmpty()) {
            return 0;
        }
        long[] addresses = read.stream().mapToLong(Long::longValue).toArray();
        if (table.key() != null) {
            return ds.deleteByKey(keys, addresses);
        }
        try (VectorSchemaRoot none = VectorSchemaRoot.create(ds.schema(), ds.allocator())) {
            none.allocateNew();
            none.setRowCount(0);
            ds.replaceRows(addresses, none);
        }
        return addresses.length;
    }

    /** A key column's value as the engine's key lookup takes it, from Calcite's representation. */
    private static Object keyValue(Column column, Object value) {
        return switch (UpdatedRows.writable(column, value)) {
            case ByteString b -> b.getBytes();
            case LocalDateTime t -> {
                long micros = Math.addExact(
                        Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
                yield switch (column.type().timeUnit()) {
                    case SECOND -> Math.floorDiv(micros, 1_000_000L);
                    case MILLISECOND -> Math.floorDiv(micros, 1000L);
                    case MICROSECOND -> micros;
                    default -> Math.multiplyExact(micros, 1000L);
                };
            }
            case Object v -> v;
        };
    }

    /**
     * The addresses of the rows an UPDATE read, each once: a row the plan produced twice would
     * take two new values, which SQL calls a cardinality violation.
     */
    private static long[] distinct(List<Long> read) throws SQLException {
        long[] addresses = read.stream().mapToLong(Long::longValue).toArray();
        long[] sorted = addresses.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new SQLException("UPDATE would change one row more than once", "21000");
            }
        }
        return addresses;
    }

    private interface Count {
        long run() throws IOException, SQLException;
    }

    /** One row, the count, computed when the statement's result is read. */
    private static Enumerable<Long> once(Count count) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Long> enumerator() {
                try {
                    return Linq4j.singletonEnumerator(count.run());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            }
        };
    }
}
