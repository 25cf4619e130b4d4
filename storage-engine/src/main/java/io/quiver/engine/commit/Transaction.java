package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.OperationKind;
import java.util.List;

/**
 * One table change, ready to commit: its new files are written; what remains is to describe the
 * next version on top of whatever version is newest when the commit happens.
 */
public interface Transaction {
    /** The version the change was computed from. */
    long readVersion();

    OperationKind kind();

    /**
     * The next manifest's contents (schema, fragments, ids, operation) on top of {@code latest},
     * knowing the versions committed after {@link #readVersion}. Returns null when the change
     * must be computed again from {@code latest} (e.g. a delete that must also see new rows);
     * throws when the change cannot be applied at all.
     */
    Manifest.Builder rebase(Snapshot latest, List<Snapshot> committedSince) throws CommitConflictException;

    /** Table-relative paths of the files this change wrote; removed if it never commits. */
    List<String> writtenFiles();

    /**
     * The files to remove before the change is computed again on a newer version: by default all
     * it wrote; a change that reuses some of its files (new rows) on recomputation keeps them.
     */
    default List<String> filesToRecompute() {
        return writtenFiles();
    }
}
