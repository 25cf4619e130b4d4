package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.OperationKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Shared checks of what other writers committed while a transaction was being prepared. */
final class Conflicts {
    /** Operations that replace the schema or the data as a whole. */
    static final Set<OperationKind> REPLACING =
            EnumSet.of(OperationKind.OVERWRITE, OperationKind.ADD_COLUMNS, OperationKind.DROP_COLUMNS);

    private Conflicts() {}

    /** Throws if any committed operation is one of {@code kinds}. */
    static void rejectKinds(String what, List<Snapshot> since, Set<OperationKind> kinds)
            throws CommitConflictException {
        for (Snapshot s : since) {
            OperationKind k = s.manifest().getOperation().getKind();
            if (kinds.contains(k)) {
                throw new CommitConflictException(what + " conflicts with version " + s.version() + " (" + k + ": "
                        + s.manifest().getOperation().getSummary() + ") committed since version "
                        + (s.manifest().getReadVersion()) + "; re-read the table and retry");
            }
        }
    }

    /** Throws if any committed operation of {@code kinds} touched one of {@code fragments}. */
    static void rejectTouching(String what, List<Snapshot> since, Set<OperationKind> kinds, Collection<Long> fragments)
            throws CommitConflictException {
        for (Snapshot s : since) {
            OperationKind k = s.manifest().getOperation().getKind();
            if (!kinds.contains(k)) {
                continue;
            }
            for (long id : s.manifest().getOperation().getTouchedFragmentIdsList()) {
                if (fragments.contains(id)) {
                    throw new CommitConflictException(what + " conflicts with version " + s.version() + " (" + k
                            + ") which changed fragment " + id + "; retry");
                }
            }
        }
    }
}
