package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.List;

/** Adds fragments. Rebases onto anything but a change of schema or a wholesale overwrite. */
public record AppendTransaction(long readVersion, List<NewFragment> fragments) implements Transaction {
    public AppendTransaction {
        fragments = List.copyOf(fragments);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.APPEND;
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        Conflicts.rejectKinds("append", since, Conflicts.REPLACING);
        Manifest.Builder next = latest.manifest().toBuilder();
        long rows = NewFragment.addTo(next, fragments);
        return next.setOperation(Operation.newBuilder()
                .setKind(OperationKind.APPEND)
                .setSummary("append " + rows + " rows in " + fragments.size() + " fragments"));
    }

    @Override
    public List<String> writtenFiles() {
        return NewFragment.paths(fragments);
    }
}
