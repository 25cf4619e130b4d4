package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import io.quiver.format.proto.VectorIndexRef;
import java.util.List;

/**
 * Adds, replaces or drops one vector index, by name. An index covers the fragments it lists, so
 * it rebases onto any data change (rows added since are searched exactly, rows deleted since are
 * filtered out); it conflicts only with another change of the same index.
 *
 * @param written the new index, or null to drop {@code name}
 * @param replaces the index file this one replaces (an update of an existing index), or null
 *     when the name must be new (or, for a drop, the file that must still be the index's)
 */
public record IndexTransaction(long readVersion, String name, VectorIndexRef written, String replaces)
        implements Transaction {
    @Override
    public OperationKind kind() {
        return written == null ? OperationKind.DROP_INDEX : OperationKind.CREATE_INDEX;
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        VectorIndexRef current = latest.manifest().getVectorIndexesList().stream()
                .filter(i -> i.getName().equals(name))
                .findFirst()
                .orElse(null);
        String currentPath = current == null ? null : current.getPath();
        if (replaces == null ? currentPath != null : !replaces.equals(currentPath)) {
            throw new CommitConflictException(
                    current == null
                            ? "vector index " + name + " was dropped by a concurrent commit"
                            : "vector index " + name + " was " + (replaces == null ? "created" : "changed")
                                    + " by a concurrent commit");
        }
        Manifest.Builder next = latest.manifest().toBuilder().clearVectorIndexes();
        latest.manifest().getVectorIndexesList().stream()
                .filter(i -> !i.getName().equals(name))
                .forEach(next::addVectorIndexes);
        String summary;
        if (written == null) {
            summary = "drop vector index " + name;
        } else {
            next.addVectorIndexes(written);
            summary = (replaces == null ? "create" : "update") + " vector index " + name + " on " + written.getColumn();
        }
        return next.setOperation(Operation.newBuilder().setKind(kind()).setSummary(summary));
    }

    @Override
    public List<String> writtenFiles() {
        return written == null ? List.of() : List.of(written.getPath());
    }
}
