package io.quiver.trino;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Random rows moved into the range Trino's clients print: dates and timestamps of years 1 to
 * 9999 (the engine's random rows reach a million years, which Trino's types hold in part and its
 * text format not at all). Values already in range, and every other column, stay as they are.
 */
final class TrinoRangeRows {
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long DAYS = LocalDate.of(9999, 12, 31).toEpochDay() - FIRST_DAY + 1;

    private TrinoRangeRows() {}

    static List<Object[]> of(List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] copy = row.clone();
            for (int c = 0; c < copy.length; c++) {
                copy[c] = inRange(copy[c]);
            }
            out.add(copy);
        }
        return out;
    }

    static Object inRange(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate d -> LocalDate.ofEpochDay(FIRST_DAY + Math.floorMod(d.toEpochDay() - FIRST_DAY, DAYS));
            case Instant t -> {
                long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
                long inDay = Math.floorMod(t.getEpochSecond(), 86_400L);
                long movedDay = FIRST_DAY + Math.floorMod(day - FIRST_DAY, DAYS);
                yield Instant.ofEpochSecond(movedDay * 86_400L + inDay, t.getNano());
            }
            default -> value;
        };
    }
}
