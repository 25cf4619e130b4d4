package io.quiver.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * The row-expression builder of Quiver's plans. Calcite's constant folding runs an expression's
 * code and turns the Java value it returns into a constant through {@link #makeLiteral(Object,
 * RelDataType, boolean, boolean)}; for a TIMESTAMP that value is a number of microseconds (see
 * {@link TimestampCalls}), which Calcite would make a TIMESTAMP literal of as if milliseconds. Here
 * it becomes {@code timestamp(<microseconds>)} instead.
 */
final class MicrosRexBuilder extends RexBuilder {
    MicrosRexBuilder(RelDataTypeFactory types) {
        super(types);
    }

    @Override
    public RexNode makeLiteral(Object value, RelDataType type, boolean allowCast, boolean trim) {
        if (allowCast && value instanceof Long micros && TimestampCalls.isMicros(type)) {
            return TimestampCalls.literal(this, micros, type);
        }
        return super.makeLiteral(value, type, allowCast, trim);
    }
}
