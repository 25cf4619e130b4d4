package io.quiver.bench.compare;

import org.apache.arrow.vector.BigIntVector;

/**
 * What a scan or loader returned, boiled down for comparing two systems: the row count and the
 * sums of the ids and of their squares (together they tell a duplicated or missing row from a
 * full set far better than the count alone).
 */
record ScanTotals(long rows, long idSum, long idSquares) {
    static final ScanTotals EMPTY = new ScanTotals(0, 0, 0);

    ScanTotals plus(BigIntVector ids) {
        long sum = idSum;
        long squares = idSquares;
        for (int i = 0; i < ids.getValueCount(); i++) {
            long id = ids.get(i);
            sum += id;
            squares += id * id;
        }
        return new ScanTotals(rows + ids.getValueCount(), sum, squares);
    }

    /** One number for the harness's agreement check. */
    long fingerprint() {
        return (rows * 1_000_003L + idSum) * 31 + idSquares;
    }
}
