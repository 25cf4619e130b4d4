package io.quiver.sql.exec;

import io.quiver.engine.schema.Column;
import io.quiver.format.proto.TypeId;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows an UPDATE writes, from the rows its plan produced: each table column's new value (its
 * SET value, or the value read), then the row's address, as {@link RowBatches} takes them (its
 * trailing value is the address). Quiver's plans hold DATE as days and TIMESTAMP as microseconds
 * (MicrosTimestamps; a WITH TIME ZONE one's wall-clock time in UTC is its instant's); they
 * become the java.time values {@link ArrowRowWriter} writes.
 */
final class UpdatedRows implements RowSource {
    private final Enumerator<Object[]> rows;
    private final List<Column> columns;
    private final int[] fields;
    private final int addressField;

    /** {@code fields[c]}: the input field holding column c's new value. */
    UpdatedRows(Enumerator<Object[]> rows, List<Column> columns, int[] fields, int addressField) {
        this.rows = rows;
        this.columns = columns;
        this.fields = fields;
        this.addressField = addressField;
    }

    @Override
    public boolean next() {
        return rows.moveNext();
    }

    @Override
    public Object get(int column) {
        Object[] row = rows.current();
        if (column > fields.length) {
            return row[addressField];
        }
        return writable(columns.get(column - 1), row[fields[column - 1]]);
    }

    static Object writable(Column column, Object value) {
        if (value == null) {
            return null;
        }
        TypeId type = column.type().id();
        if (type == TypeId.DATE32 && value instanceof Integer days) {
            return LocalDate.ofEpochDay(days);
        }
        if (type == TypeId.TIMESTAMP && value instanceof Long micros) {
            return MicrosTimestamps.toLocalDateTime(micros);
        }
        return value;
    }

    @Override
    public void close() {
        rows.close();
    }
}
