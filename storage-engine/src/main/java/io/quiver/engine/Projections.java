package io.quiver.engine;

import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.vector.NearestQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The last projection a dataset's scans asked for, kept with its Arrow schemas: every scan and
 * nearest-neighbour query projects, applications repeat theirs, and building the projection and
 * its Arrow fields cost a nearest query on a small table about 2% of its time.
 */
final class Projections {
    /**
     * The columns {@code names} select of {@code schema}.
     *
     * @param nearestSchema the Arrow schema of a nearest-neighbour result: the columns, then the
     *     distance
     */
    record Projection(TableSchema schema, List<String> names, TableSchema output, Schema nearestSchema) {}

    private volatile Projection last;

    /** The columns named, in the order given; all columns when {@code names} is null. */
    Projection of(TableSchema schema, List<String> names) {
        Projection kept = last;
        if (kept != null && kept.schema == schema && Objects.equals(kept.names, names)) {
            return kept;
        }
        TableSchema output = schema.project(names);
        List<Field> fields = new ArrayList<>(output.toArrow().getFields());
        fields.add(
                Field.notNullable(NearestQuery.DISTANCE, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
        Projection made = new Projection(schema, names, output, new Schema(fields));
        last = made;
        return made;
    }
}
