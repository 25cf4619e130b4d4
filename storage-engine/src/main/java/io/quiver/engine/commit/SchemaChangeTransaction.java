package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds or drops columns: a new schema, and for added columns with values one new data file per
 * fragment. Dropping rebases onto appends, deletes and compactions, and drops the vector indexes
 * of the dropped columns. Adding with data files
 * rebases onto deletes only, since new or rewritten fragments would lack the column's values.
 */
public record SchemaChangeTransaction(
        long readVersion, OperationKind kind, TableSchema schema, Map<Long, DataFileRef> addedFiles, String summary)
        implements Transaction {
    public SchemaChangeTransaction {
        addedFiles = Map.copyOf(addedFiles);
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        Conflicts.rejectKinds(summary, since, Conflicts.REPLACING);
        if (!addedFiles.isEmpty()) {
            Conflicts.rejectKinds(
                    summary, since, EnumSet.of(OperationKind.APPEND, OperationKind.COMPACT, OperationKind.UPSERT));
        }
        Manifest.Builder next = latest.manifest().toBuilder().clearFragments().setSchema(schema.toProto());
        for (Fragment f : latest.fragments()) {
            DataFileRef added = addedFiles.get(f.getId());
            next.addFragments(added == null ? f : f.toBuilder().addFiles(added).build());
        }
        // An index of a dropped column goes with it (its file is reclaimed by cleanup).
        next.clearVectorIndexes();
        latest.manifest().getVectorIndexesList().stream()
                .filter(i -> schema.columns().stream().anyMatch(c -> c.fieldId() == i.getFieldId()))
                .forEach(next::addVectorIndexes);
        Set<Long> touched = addedFiles.keySet();
        Operation.Builder op = Operation.newBuilder().setKind(kind).setSummary(summary);
        touched.stream().sorted().forEach(op::addTouchedFragmentIds);
        return next.setNextFieldId(Math.max(next.getNextFieldId(), schema.maxFieldId() + 1))
                .setOperation(op);
    }

    @Override
    public List<String> writtenFiles() {
        return addedFiles.values().stream().map(DataFileRef::getPath).toList();
    }
}
