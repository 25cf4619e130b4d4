package io.quiver.sql.exec;

import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * OFFSET and FETCH counts past {@code Integer.MAX_VALUE}, which Calcite's own runtime takes only
 * as ints (CALCITE-7156): {@code LIMIT 9223372036854775807} is a valid way to say "all rows".
 */
public final class LongLimits {
    private LongLimits() {}

    /** The rows after the first {@code offset}. */
    public static <T> Enumerable<T> skip(Enumerable<T> source, long offset) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                return new Counted<>(source.enumerator()) {
                    @Override
                    public boolean moveNext() {
                        while (count < offset) {
                            if (!rows.moveNext()) {
                                return false;
                            }
                            count++;
                        }
                        return rows.moveNext();
                    }
                };
            }
        };
    }

    /** The first {@code fetch} rows. */
    public static <T> Enumerable<T> take(Enumerable<T> source, long fetch) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                return new Counted<>(source.enumerator()) {
                    @Override
                    public boolean moveNext() {
                        if (count >= fetch || !rows.moveNext()) {
                            return false;
                        }
                        count++;
                        return true;
                    }
                };
            }
        };
    }

    /** An enumerator over another that counts rows for {@link #moveNext}. */
    private abstract static class Counted<T> implements Enumerator<T> {
        final Enumerator<T> rows;
        long count;

        Counted(Enumerator<T> rows) {
            this.rows = rows;
        }

        @Override
        public T current() {
            return rows.current();
        }

        @Override
        public void reset() {
            rows.reset();
            count = 0;
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
