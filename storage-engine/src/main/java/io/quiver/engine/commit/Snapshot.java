package io.quiver.engine.commit;

import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import java.util.List;

/** One version of a table, as its checked manifest describes it. Immutable. */
public record Snapshot(Manifest manifest, TableSchema schema) {
    public long version() {
        return manifest.getVersion();
    }

    public List<Fragment> fragments() {
        return manifest.getFragmentsList();
    }

    /** Rows visible in this version (physical rows minus deleted rows). */
    public long rowCount() {
        long rows = 0;
        for (Fragment f : fragments()) {
            rows += f.getPhysicalRows() - (f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0);
        }
        return rows;
    }
}
