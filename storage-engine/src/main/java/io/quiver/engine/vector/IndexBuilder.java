package io.quiver.engine.vector;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.ArrowMemory;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableFiles;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.CoveredFragment;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.TypeId;
import io.quiver.format.proto.VectorIndexRef;
import io.quiver.vector.VectorIndex;
import io.quiver.vector.VectorIndexWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Writes vector index files from table data: the column's values are streamed from a scan of
 * every physical row (deleted ones too, so that a fragment's rows are one ordinal range) straight
 * into the index file; nulls become absent ordinals.
 */
public final class IndexBuilder {
    private IndexBuilder() {}

    /** The VECTOR column an index on {@code name} would cover, or a clear error. */
    public static Column vectorColumn(TableSchema schema, String name) {
        Column c = schema.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no column " + name + " in " + schema.names()));
        if (c.type().id() != TypeId.VECTOR_F32) {
            throw new IllegalArgumentException(
                    "column " + name + " is " + c.type() + "; a vector index needs a VECTOR(n) column");
        }
        return c;
    }

    /** Builds a new index of every row of the version. */
    public static VectorIndexRef buildAll(
            BufferAllocator allocator,
            TableFiles files,
            Snapshot snapshot,
            Column column,
            String name,
            VectorIndexOptions options)
            throws IOException {
        return build(allocator, files, snapshot, column, name, options, null, List.of(), snapshot.fragments());
    }

    /**
     * Builds an index of {@code fragments}' rows, after the rows of {@code base} (whose coverage
     * is {@code baseCovered}) when extending one.
     */
    static VectorIndexRef build(
            BufferAllocator allocator,
            TableFiles files,
            Snapshot snapshot,
            Column column,
            String name,
            VectorIndexOptions options,
            VectorIndex base,
            List<CoveredFragment> baseCovered,
            List<Fragment> fragments)
            throws IOException {
        TableLayout layout = files.layout();
        String relative = layout.newVectorIndexFile();
        Path path = layout.root().resolve(relative);
        VectorIndexRef.Builder ref = VectorIndexRef.newBuilder()
                .setName(name)
                .setColumn(column.name())
                .setFieldId(column.fieldId())
                .setPath(relative)
                .setBuiltVersion(snapshot.version())
                .setMetric(options.metric().sqlName())
                .setM(options.params().m())
                .setEfConstruction(options.params().efConstruction())
                .addAllCovered(baseCovered);
        try (VectorIndexWriter writer = base == null
                ? VectorIndexWriter.create(path, column.type().dimension(), options.metric(), options.params())
                : VectorIndexWriter.extending(path, base)) {
            ScanSpec spec = new ScanSpec(
                    new TableSchema(List.of(column)), null, -1, ScanSpec.defaultBatchSize(List.of(column)), true, true);
            for (Fragment f : fragments) {
                ref.addCovered(CoveredFragment.newBuilder()
                        .setFragmentId(f.getId())
                        .setFirstOrdinal(writer.count())
                        .setPhysicalRows(f.getPhysicalRows()));
                long expected = f.getId() << 32;
                try (TableScanner scan = new TableScanner(allocator, files, List.of(f), spec)) {
                    while (scan.loadNextBatch()) {
                        expected = addBatch(writer, scan.getVectorSchemaRoot(), column, expected);
                    }
                }
                if ((expected & 0xFFFF_FFFFL) != f.getPhysicalRows()) {
                    throw new IllegalStateException("scan of fragment " + f.getId() + " skipped rows");
                }
            }
            VectorIndexWriter.Written written = writer.finish(options.buildThreads());
            return ref.setFileId(com.google.protobuf.ByteString.copyFrom(written.fileId()))
                    .setSizeBytes(written.sizeBytes())
                    .build();
        }
    }

    /** Adds a batch's vectors; returns the row address the next batch must start at. */
    private static long addBatch(VectorIndexWriter writer, VectorSchemaRoot root, Column column, long expected)
            throws IOException {
        FixedSizeListVector vectors = (FixedSizeListVector) root.getVector(0);
        BigIntVector addresses = (BigIntVector) root.getVector(ScanSpec.ROW_ADDRESS);
        ArrowBuf data = vectors.getDataVector().getDataBuffer();
        MemorySegment segment = ArrowMemory.segment(data);
        long rowBytes = 4L * column.type().dimension();
        for (int i = 0; i < root.getRowCount(); i++) {
            if (addresses.get(i) != expected) {
                throw new IllegalStateException("row " + addresses.get(i) + " out of order, expected " + expected);
            }
            expected++;
            if (vectors.isNull(i)) {
                writer.addAbsent();
            } else {
                writer.add(segment, i * rowBytes);
            }
        }
        return expected;
    }
}
