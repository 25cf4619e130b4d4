package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces runs of adjacent fragments by rewritten ones holding their live rows; each run's new
 * fragments take the run's place, so scans return rows in the same order as before. Rebases
 * onto appends and onto deletes or compactions of other fragments; a delete or compaction that
 * touched a fragment being rewritten is a conflict (its effect would be lost), as is any schema
 * change.
 */
public record CompactTransaction(long readVersion, List<Run> runs) implements Transaction {
    /** Adjacent fragments, in table order, and what they were rewritten into. */
    public record Run(List<Long> replaced, List<NewFragment> fragments) {
        public Run {
            replaced = List.copyOf(replaced);
            fragments = List.copyOf(fragments);
        }
    }

    public CompactTransaction {
        runs = List.copyOf(runs);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.COMPACT;
    }

    @Override
    public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
        Set<Long> replaced = new HashSet<>();
        Map<Long, Run> firstOfRun = new HashMap<>();
        for (Run run : runs) {
            replaced.addAll(run.replaced());
            firstOfRun.put(run.replaced().getFirst(), run);
        }
        Conflicts.rejectKinds("compaction", since, Conflicts.REPLACING);
        Conflicts.rejectTouching(
                "compaction",
                since,
                EnumSet.of(OperationKind.DELETE, OperationKind.COMPACT, OperationKind.UPSERT),
                replaced);
        Manifest.Builder next = latest.manifest().toBuilder().clearFragments();
        int added = 0;
        for (Fragment f : latest.fragments()) {
            Run run = firstOfRun.get(f.getId());
            if (run != null) {
                NewFragment.addTo(next, run.fragments());
                added += run.fragments().size();
            } else if (!replaced.contains(f.getId())) {
                next.addFragments(f);
            }
        }
        Operation.Builder op = Operation.newBuilder()
                .setKind(OperationKind.COMPACT)
                .setSummary("compact " + replaced.size() + " fragments into " + added);
        replaced.stream().sorted().forEach(op::addTouchedFragmentIds);
        return next.setOperation(op);
    }

    @Override
    public List<String> writtenFiles() {
        return runs.stream()
                .flatMap(r -> NewFragment.paths(r.fragments()).stream())
                .toList();
    }
}
