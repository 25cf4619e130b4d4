package io.quiver.engine;

import io.quiver.engine.commit.CompactTransaction;
import io.quiver.engine.commit.NewFragment;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.write.FragmentWriter;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Chooses fragments worth rewriting and rewrites their live rows into full-size fragments. */
final class Compactor {
  private Compactor() {}

  /** The fragments to rewrite. */
  record Plan(List<Fragment> fragments) {
    boolean isEmpty() {
      return fragments.isEmpty();
    }
  }

  record Rewritten(CompactTransaction transaction, CompactionResult result) {}

  /** Small fragments (if there are two or more to merge) and fragments with many deleted rows. */
  static Plan plan(Snapshot base, CompactionOptions options) {
    List<Fragment> small = new ArrayList<>();
    List<Fragment> chosen = new ArrayList<>();
    for (Fragment f : base.fragments()) {
      long deleted = f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0;
      if (deleted > options.maxDeletedFraction() * f.getPhysicalRows()) {
        chosen.add(f);
      } else if (f.getPhysicalRows() - deleted < options.targetRowsPerFragment()) {
        small.add(f);
      }
    }
    if (small.size() >= 2 || !chosen.isEmpty()) {
      chosen.addAll(small);
    }
    // Keep table order so scans after compaction return rows in the same order as before.
    Set<Long> ids = chosen.stream().map(Fragment::getId).collect(Collectors.toSet());
    return new Plan(base.fragments().stream().filter(f -> ids.contains(f.getId())).toList());
  }

  static Rewritten rewrite(Dataset dataset, Snapshot base, CompactionOptions options) throws IOException {
    Plan plan = plan(base, options);
    ScanSpec spec = new ScanSpec(base.schema(), null, -1, Scan.DEFAULT_BATCH_SIZE, false, false);
    WriteOptions write = dataset.writeOptions().withMaxRowsPerFragment(options.targetRowsPerFragment());
    List<NewFragment> written;
    try (FragmentWriter writer = new FragmentWriter(dataset.layout(), base.schema(), write);
        TableScanner scanner = new TableScanner(dataset.allocator(), dataset.files(), plan.fragments(), spec)) {
      writer.writeAll(scanner);
      written = writer.finish();
    }
    long physical = plan.fragments().stream().mapToLong(Fragment::getPhysicalRows).sum();
    long live = written.stream().mapToLong(NewFragment::rows).sum();
    Set<Long> replaced = plan.fragments().stream().map(Fragment::getId).collect(Collectors.toSet());
    return new Rewritten(
        new CompactTransaction(base.version(), replaced, written),
        new CompactionResult(replaced.size(), written.size(), live, physical - live));
  }
}
