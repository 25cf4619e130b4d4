package io.quiver.trino;

import io.quiver.engine.vector.NearestQuery;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.session.PropertyMetadata;
import java.util.List;

/** {@code SET SESSION quiver.nearest_ef = 128}: the graph search's beam for pushed top-k queries. */
public final class QuiverSessionProperties {
    public static final String NEAREST_EF = "nearest_ef";
    private static final int MAX_EF = 100_000;

    private QuiverSessionProperties() {}

    public static List<PropertyMetadata<?>> all() {
        return List.of(PropertyMetadata.integerProperty(
                NEAREST_EF,
                "Candidates an HNSW search keeps (more: better recall, slower); 0 uses " + NearestQuery.DEFAULT_EF
                        + " or k, whichever is larger",
                0,
                ef -> {
                    if (ef < 0 || ef > MAX_EF) {
                        throw new TrinoException(
                                StandardErrorCode.INVALID_SESSION_PROPERTY,
                                NEAREST_EF + " must be from 0 to " + MAX_EF + ", got " + ef);
                    }
                },
                false));
    }

    public static int nearestEf(ConnectorSession session) {
        return session.getProperty(NEAREST_EF, Integer.class);
    }
}
