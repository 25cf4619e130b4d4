package io.quiver.engine.commit;

import io.quiver.engine.CommitConflictException;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Operation;
import io.quiver.format.proto.OperationKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces some fragments by rewritten ones holding their live rows. Rebases onto appends and
 * onto deletes or compactions of other fragments; a delete or compaction that touched a
 * fragment being rewritten is a conflict (its effect would be lost), as is any schema change.
 */
public record CompactTransaction(long readVersion, Set<Long> replaced, List<NewFragment> fragments) implements Transaction {
  public CompactTransaction {
    replaced = Set.copyOf(replaced);
    fragments = List.copyOf(fragments);
  }

  @Override
  public OperationKind kind() {
    return OperationKind.COMPACT;
  }

  @Override
  public Manifest.Builder rebase(Snapshot latest, List<Snapshot> since) throws CommitConflictException {
    Conflicts.rejectKinds("compaction", since, Conflicts.REPLACING);
    Conflicts.rejectTouching("compaction", since, EnumSet.of(OperationKind.DELETE, OperationKind.COMPACT), replaced);
    Manifest.Builder next = latest.manifest().toBuilder().clearFragments();
    long id = next.getNextFragmentId();
    boolean inserted = false;
    for (Fragment f : latest.fragments()) {
      if (!replaced.contains(f.getId())) {
        next.addFragments(f);
      } else if (!inserted) {
        // The rewritten rows take the place of the first fragment they replace, keeping scan order.
        for (NewFragment n : fragments) {
          next.addFragments(n.withId(id++));
        }
        inserted = true;
      }
    }
    Operation.Builder op = Operation.newBuilder().setKind(OperationKind.COMPACT)
        .setSummary("compact " + replaced.size() + " fragments into " + fragments.size());
    replaced.stream().sorted().forEach(op::addTouchedFragmentIds);
    return next.setNextFragmentId(id).setOperation(op);
  }

  @Override
  public List<String> writtenFiles() {
    return NewFragment.paths(fragments);
  }
}
