package io.quiver.engine;

import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.SchemaChangeTransaction;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.datafile.DataFileWriter;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.engine.write.MaxLengths;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.OperationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Adding and dropping columns. Existing data files are never rewritten. */
final class SchemaEvolution {
    private SchemaEvolution() {}

    static SchemaChangeTransaction addNullColumns(Snapshot base, List<Field> fields) {
        for (Field f : fields) {
            if (!f.isNullable()) {
                throw new IllegalArgumentException(
                        "column " + f.getName() + " must be nullable: existing rows have no value for it");
            }
        }
        TableSchema schema =
                TableSchema.appendArrow(base.schema(), fields, base.manifest().getNextFieldId());
        return new SchemaChangeTransaction(
                base.version(), OperationKind.ADD_COLUMNS, schema, Map.of(), "add columns " + names(fields));
    }

    static SchemaChangeTransaction addComputedColumns(
            Dataset dataset, Snapshot base, List<Field> fields, List<String> inputColumns, ColumnComputer compute)
            throws IOException {
        TableSchema schema =
                TableSchema.appendArrow(base.schema(), fields, base.manifest().getNextFieldId());
        List<Column> added = schema.columns()
                .subList(base.schema().columns().size(), schema.columns().size());
        TableSchema addedSchema = new TableSchema(added);
        if (addedSchema.hasBlobs()) {
            // Computed values would go straight into data files; blobs must go through packs.
            throw new IllegalArgumentException(
                    "computed BLOB columns are not supported: add the column with null values instead");
        }
        TableSchema inputs = base.schema().project(inputColumns);
        ScanSpec spec = new ScanSpec(inputs, null, -1, ScanSpec.defaultBatchSize(inputs.columns()), false, true);
        Map<Long, DataFileRef> files = new HashMap<>();
        List<Path> written = new ArrayList<>();
        long rowsComputed = 0;
        boolean ok = false;
        try {
            for (Fragment fragment : base.fragments()) {
                Path path = dataset.layout().root().resolve(dataset.layout().newDataFile());
                written.add(path);
                try (DataFileWriter writer = new DataFileWriter(
                                path, added, dataset.writeOptions().dataFile());
                        TableScanner scanner =
                                new TableScanner(dataset.allocator(), dataset.files(), List.of(fragment), spec);
                        VectorSchemaRoot out = VectorSchemaRoot.create(addedSchema.toArrow(), dataset.allocator())) {
                    while (scanner.loadNextBatch()) {
                        VectorSchemaRoot in = scanner.getVectorSchemaRoot();
                        out.clear();
                        out.allocateNew();
                        compute.compute(in, out);
                        if (out.getRowCount() != in.getRowCount()) {
                            throw new IllegalArgumentException(
                                    "computed " + out.getRowCount() + " rows for a batch of " + in.getRowCount());
                        }
                        addedSchema.checkCompatible(out.getSchema());
                        MaxLengths.check(added, out.getFieldVectors(), out.getRowCount(), rowsComputed + 1);
                        rowsComputed += out.getRowCount();
                        writer.write(out.getFieldVectors(), 0, out.getRowCount());
                    }
                    if (writer.rowCount() != fragment.getPhysicalRows()) {
                        throw new IllegalStateException(
                                "fragment " + fragment.getId() + " yielded " + writer.rowCount() + " rows");
                    }
                    files.put(fragment.getId(), NewFragment.ref(dataset.layout(), writer.finish()));
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new SchemaChangeTransaction(
                base.version(), OperationKind.ADD_COLUMNS, schema, files, "add columns " + names(fields));
    }

    static SchemaChangeTransaction dropColumns(Snapshot base, List<String> names) {
        List<Column> kept = new ArrayList<>(base.schema().columns());
        for (String name : names) {
            kept.remove(base.schema().column(name));
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("cannot drop every column of a table");
        }
        return new SchemaChangeTransaction(
                base.version(),
                OperationKind.DROP_COLUMNS,
                new TableSchema(kept),
                Map.of(),
                "drop columns " + String.join(", ", names));
    }

    private static String names(List<Field> fields) {
        return String.join(", ", fields.stream().map(Field::getName).toList());
    }
}
