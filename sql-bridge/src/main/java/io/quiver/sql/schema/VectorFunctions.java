package io.quiver.sql.schema;

import com.google.common.collect.ForwardingMultimap;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.quiver.vector.DistanceFunction;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * The SQL distance functions when Calcite evaluates them itself (anywhere in a query; the planner
 * hands {@code ORDER BY distance LIMIT k} to the engine instead). They agree with the engine's
 * {@code _distance}: Euclidean distance, 1 - cosine similarity (a zero vector is at distance 1),
 * the dot product. NULL in, NULL out.
 */
public final class VectorFunctions {
    private VectorFunctions() {}

    /** Every function of {@link DistanceFunction}, by SQL name, as a schema lists its functions. */
    public static Multimap<String, Function> all() {
        return ImmutableMultimap.<String, Function>builder()
                .put(
                        DistanceFunction.L2_DISTANCE.sqlName(),
                        ScalarFunctionImpl.create(VectorFunctions.class, "l2Distance"))
                .put(
                        DistanceFunction.EUCLIDEAN_DISTANCE.sqlName(),
                        ScalarFunctionImpl.create(VectorFunctions.class, "l2Distance"))
                .put(
                        DistanceFunction.COSINE_DISTANCE.sqlName(),
                        ScalarFunctionImpl.create(VectorFunctions.class, "cosineDistance"))
                .put(
                        DistanceFunction.COSINE_SIMILARITY.sqlName(),
                        ScalarFunctionImpl.create(VectorFunctions.class, "cosineSimilarity"))
                .put(
                        DistanceFunction.DOT_PRODUCT.sqlName(),
                        ScalarFunctionImpl.create(VectorFunctions.class, "dotProduct"))
                .build();
    }

    /**
     * {@link #all()}, made when a statement first names one of the functions. Making them
     * initialises Calcite's code generator tables (RexImpTable), a fifth of a session's start,
     * which statements without these functions never need. Answers like {@link #all()}.
     */
    public static Multimap<String, Function> lazy() {
        return new Lazy();
    }

    private static final class Lazy extends ForwardingMultimap<String, Function> {
        private static final Set<String> NAMES = Arrays.stream(DistanceFunction.values())
                .map(DistanceFunction::sqlName)
                .collect(Collectors.toUnmodifiableSet());

        /** Initialised on first use, once, by the JVM's class initialisation. */
        private static final class All {
            static final Multimap<String, Function> FUNCTIONS = all();
        }

        @Override
        protected Multimap<String, Function> delegate() {
            return All.FUNCTIONS;
        }

        @Override
        public Collection<Function> get(String name) {
            return NAMES.contains(name) ? delegate().get(name) : List.of();
        }

        @Override
        public boolean containsKey(Object name) {
            return NAMES.contains(name);
        }

        @Override
        public Set<String> keySet() {
            return NAMES;
        }
    }

    public static Double l2Distance(List<?> a, List<?> b) {
        if (a == null || b == null) {
            return null;
        }
        check("l2_distance", a, b);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = value(a, i) - value(b, i);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public static Double dotProduct(List<?> a, List<?> b) {
        if (a == null || b == null) {
            return null;
        }
        check("dot_product", a, b);
        return dot(a, b);
    }

    public static Double cosineSimilarity(List<?> a, List<?> b) {
        if (a == null || b == null) {
            return null;
        }
        check("cosine_similarity", a, b);
        double norms = Math.sqrt(dot(a, a)) * Math.sqrt(dot(b, b));
        return norms == 0 ? 0.0 : dot(a, b) / norms;
    }

    public static Double cosineDistance(List<?> a, List<?> b) {
        Double similarity = cosineSimilarity(a, b);
        return similarity == null ? null : 1 - similarity;
    }

    private static double dot(List<?> a, List<?> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += value(a, i) * value(b, i);
        }
        return sum;
    }

    private static void check(String function, List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    function + ": the vectors have " + a.size() + " and " + b.size() + " dimensions");
        }
    }

    /** Elements arrive as Float (columns), BigDecimal (literals) or Double; as floats, like the engine's. */
    private static double value(List<?> v, int i) {
        if (!(v.get(i) instanceof Number n)) {
            throw new IllegalArgumentException("a vector element is " + v.get(i) + ", not a number");
        }
        return n.floatValue();
    }
}
