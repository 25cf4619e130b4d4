package io.quiver.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A table {@code p (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR, v VECTOR(dim))} of random rows,
 * kept in memory as well, and brute-force answers to queries over it.
 */
final class VectorTable {
    final List<List<Object>> rows = new ArrayList<>();
    final int dim;
    private final Random random;

    VectorTable(Random random, int dim) {
        this.random = random;
        this.dim = dim;
    }

    /** Creates p with {@code n} rows (ids 1..n; k in [0, 1000); a NULL vector with probability {@code nullVectors}). */
    void create(QuiverSql sql, int n, double nullVectors) throws SQLException {
        sql.execute("CREATE TABLE p (id BIGINT PRIMARY KEY, k INTEGER, s VARCHAR, v VECTOR(" + dim + "))");
        List<List<Object>> batch = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            String s = random.nextInt(10) == 0 ? null : "abcdefgh".substring(0, random.nextInt(1, 8)) + id % 7;
            List<Float> v = random.nextDouble() < nullVectors ? null : SqlTestSupport.vector(randomVector());
            batch.add(Arrays.asList(id, (long) random.nextInt(1000), s, v));
            if (batch.size() == 250 || id == n) {
                sql.execute(
                        "INSERT INTO p VALUES " + DmlModel.valuesParameters(batch.size()), DmlModel.parameters(batch));
                rows.addAll(batch);
                batch.clear();
            }
        }
    }

    float[] randomVector() {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** The SQL function's value, as {@link io.quiver.sql.schema.VectorFunctions} computes it; null for a NULL vector. */
    static Double distance(String function, List<Float> v, float[] q) {
        if (v == null) {
            return null;
        }
        double dot = 0;
        double vv = 0;
        double qq = 0;
        double l2 = 0;
        for (int i = 0; i < q.length; i++) {
            dot += v.get(i) * (double) q[i];
            vv += v.get(i) * (double) v.get(i);
            qq += q[i] * (double) q[i];
            l2 += (v.get(i) - (double) q[i]) * (v.get(i) - (double) q[i]);
        }
        double cos = vv == 0 || qq == 0 ? 0 : dot / (Math.sqrt(vv) * Math.sqrt(qq));
        return switch (function) {
            case "l2_distance", "euclidean_distance" -> Math.sqrt(l2);
            case "cosine_distance" -> 1 - cos;
            case "cosine_similarity" -> cos;
            case "dot_product" -> dot;
            default -> throw new IllegalArgumentException(function);
        };
    }

    static boolean similarity(String function) {
        return function.equals("dot_product") || function.equals("cosine_similarity");
    }

    /**
     * The rows matching {@code filter} ordered as {@code ORDER BY function(v, q) [DESC]} orders
     * them (NULL distances last ascending, first descending), the first k, as [id, distance].
     */
    List<List<Object>> topK(String function, float[] q, int k, Predicate<List<Object>> filter) {
        boolean desc = similarity(function);
        Comparator<Double> byDistance = desc ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder();
        Comparator<Double> nulls = desc ? Comparator.nullsFirst(byDistance) : Comparator.nullsLast(byDistance);
        return rows.stream()
                .filter(filter)
                .map(r -> Arrays.<Object>asList(r.get(0), distance(function, vectorOf(r), q)))
                .sorted(Comparator.comparing(r -> (Double) r.get(1), nulls))
                .limit(k)
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Float> vectorOf(List<Object> row) {
        return (List<Float>) row.get(3);
    }

    static String arrayLiteral(float[] q) {
        return SqlTestSupport.literal(SqlTestSupport.vector(q));
    }
}
