package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.DeletionFileRef;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A write to a table with a primary key: new rows, plus deletions of the rows whose keys they
 * replace (an upsert or update) or none (an insert, whose keys were checked to be new). Both
 * were computed against the read version's keys, so anything committed since means the change
 * is computed again on the newest version: keys are then checked and replaced again, and no
 * duplicate can slip in. Only a change replacing the schema or the data is a conflict.
 */
public record KeyedWriteTransaction(
        long readVersion,
        OperationKind kind,
        List<NewFragment> added,
        Map<Long, DeletionFileRef> deletions,
        Set<Long> removed,
        long replacedRows)
        implements Transaction {
    public KeyedWriteTransaction {
        added = List.copyOf(added);
        deletions = Map.copyOf(deletions);
        removed = Set.copyOf(removed);
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        Conflicts.rejectKinds(kind.name().toLowerCase(java.util.Locale.ROOT), since, Conflicts.REPLACING);
        if (!since.isEmpty()) {
            return null;
        }
        Manifest.Builder next = DeleteTransaction.withDeletions(latest, deletions, removed);
        long rows = NewFragment.addTo(next, added);
        Operation.Builder op = Operation.newBuilder()
                .setKind(kind)
                .setSummary(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + rows + " rows, replacing "
                        + replacedRows);
        return next.setOperation(DeleteTransaction.touching(op, deletions, removed));
    }

    /** The new rows' files are written once and reused; only deletions are computed again. */
    @Override
    public List<String> filesToRecompute() {
        return deletions.values().stream().map(DeletionFileRef::getPath).toList();
    }

    @Override
    public List<String> writtenFiles() {
        List<String> files = new ArrayList<>(NewFragment.paths(added));
        deletions.values().forEach(d -> files.add(d.getPath()));
        return files;
    }
}
