package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.List;

/**
 * Replaces schema and data. It applies on top of any change committed meanwhile (the last writer
 * wins), except one that allocated field ids after its read version: the new files already
 * carry ids from that range, and ids are never reused.
 */
public record OverwriteTransaction(
        long readVersion, TableSchema schema, List<NewFragment> fragments, OperationKind kind) implements Transaction {
    public OverwriteTransaction {
        fragments = List.copyOf(fragments);
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        // The new files carry field ids counted from the read version; ids are never reused.
        if (Integer.toUnsignedLong(latest.manifest().getNextFieldId()) > firstFieldId()) {
            throw new CommitConflictException(
                    "overwrite conflicts with a schema change committed since version " + readVersion + "; retry");
        }
        // The new data has no index: an index names fragments and columns the overwrite replaced.
        Manifest.Builder next = latest.manifest().toBuilder()
                .clearFragments()
                .clearVectorIndexes()
                .setSchema(schema.toProto());
        long rows = NewFragment.addTo(next, fragments);
        return next.setNextFieldId(Math.max(next.getNextFieldId(), schema.maxFieldId() + 1))
                .setOperation(Operation.newBuilder()
                        .setKind(kind)
                        .setSummary(
                                (kind == OperationKind.CREATE ? "create with " : "overwrite with ") + rows + " rows"));
    }

    private long firstFieldId() {
        return schema.columns().stream().mapToLong(c -> c.fieldId()).min().orElse(Long.MAX_VALUE);
    }

    @Override
    public List<String> writtenFiles() {
        return NewFragment.paths(fragments);
    }
}
