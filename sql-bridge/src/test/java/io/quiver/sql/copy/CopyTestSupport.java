package io.quiver.sql.copy;

import io.quiver.engine.schema.ColumnType;
import io.quiver.format.proto.TimeUnit;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Small schemas and a one-call read of a whole file, for the hand-written file tests. */
final class CopyTestSupport {
    private CopyTestSupport() {}

    static Field column(String name, TypeId type, boolean nullable) {
        return ColumnType.of(type).toArrow(name, nullable);
    }

    static Field vector(String name, int dimension, boolean nullable) {
        return new ColumnType(TypeId.VECTOR_F32, 0, 0, null, null, dimension).toArrow(name, nullable);
    }

    static Field timestamp(String name, TimeUnit unit, String zone) {
        return new ColumnType(TypeId.TIMESTAMP, 0, 0, unit, zone, 0).toArrow(name, true);
    }

    static Schema schema(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** Every row of {@code text} written to a file, read in {@code format}; the allocator is checked for leaks. */
    static List<Object[]> read(Path dir, String text, CopyFormat format, Schema schema, CopyOptions options)
            throws IOException {
        Path file = dir.resolve("data." + format.name().toLowerCase());
        Files.writeString(file, text);
        return read(file, format, schema, options);
    }

    static List<Object[]> read(Path file, CopyFormat format, Schema schema, CopyOptions options) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            return Rows.read(CopyReader.open(format, file, schema, allocator, options), options.batchRows());
        }
    }
}
