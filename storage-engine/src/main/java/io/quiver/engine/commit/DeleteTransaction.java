package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.DeletionFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks rows deleted: new deletion files for some fragments, and fragments removed whole. A
 * delete is a predicate over the table, so if anyone committed in between it is computed again
 * on the newest version (and thereby also deletes matching rows appended meanwhile); only an
 * overwrite, which replaced the data it was aimed at, is a conflict.
 */
public record DeleteTransaction(
        long readVersion, Map<Long, DeletionFileRef> deletions, Set<Long> removed, long deletedRows)
        implements Transaction {
    public DeleteTransaction {
        deletions = Map.copyOf(deletions);
        removed = Set.copyOf(removed);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.DELETE;
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        Conflicts.rejectKinds("delete", since, EnumSet.of(OperationKind.OVERWRITE));
        if (!since.isEmpty()) {
            return null;
        }
        Manifest.Builder next = withDeletions(latest, deletions, removed);
        Operation.Builder op =
                Operation.newBuilder().setKind(OperationKind.DELETE).setSummary("delete " + deletedRows + " rows");
        return next.setOperation(touching(op, deletions, removed));
    }

    /** {@code latest} with new deletion files for some fragments and others removed. */
    static Manifest.Builder withDeletions(Snapshot latest, Map<Long, DeletionFileRef> deletions, Set<Long> removed) {
        Manifest.Builder next = latest.manifest().toBuilder().clearFragments();
        for (Fragment f : latest.fragments()) {
            if (removed.contains(f.getId())) {
                continue;
            }
            DeletionFileRef d = deletions.get(f.getId());
            next.addFragments(d == null ? f : f.toBuilder().setDeletion(d).build());
        }
        return next;
    }

    /** Records the fragments given deletion files or removed as the ones the operation touched. */
    static Operation.Builder touching(Operation.Builder op, Map<Long, DeletionFileRef> deletions, Set<Long> removed) {
        deletions.keySet().stream().sorted().forEach(op::addTouchedFragmentIds);
        removed.stream().sorted().forEach(op::addTouchedFragmentIds);
        return op;
    }

    @Override
    public List<String> writtenFiles() {
        return deletions.values().stream().map(DeletionFileRef::getPath).toList();
    }
}
