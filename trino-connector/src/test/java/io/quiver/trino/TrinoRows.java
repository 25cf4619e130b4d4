package io.quiver.trino;

import io.trino.testing.MaterializedRow;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Trino's result values in the engine tests' model form (ModelRows), to compare with a model. */
final class TrinoRows {
    private TrinoRows() {}

    static List<Object[]> toModel(List<MaterializedRow> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (MaterializedRow row : rows) {
            Object[] values = new Object[row.getFieldCount()];
            for (int c = 0; c < values.length; c++) {
                values[c] = toModel(row.getField(c));
            }
            out.add(values);
        }
        return out;
    }

    static Object toModel(Object value) {
        return switch (value) {
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case ZonedDateTime t -> t.toInstant();
            case List<?> list -> {
                float[] floats = new float[list.size()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (Float) list.get(i);
                }
                yield floats;
            }
            case null, default -> value;
        };
    }
}
