package io.quiver.engine.commit;

import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One version of a table, as its checked manifest describes it. Immutable. */
public record Snapshot(Manifest manifest, TableSchema schema) {
    public long version() {
        return manifest.getVersion();
    }

    public List<Fragment> fragments() {
        return manifest.getFragmentsList();
    }

    /**
     * The fragments with these ids, in the order given; IllegalArgumentException for an id this
     * version does not hold (a reader asked for a fragment of another version).
     */
    public List<Fragment> fragments(long[] ids) {
        Map<Long, Fragment> byId = new HashMap<>();
        for (Fragment f : fragments()) {
            byId.put(f.getId(), f);
        }
        List<Fragment> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            Fragment f = byId.get(id);
            if (f == null) {
                throw new IllegalArgumentException("version " + version() + " has no fragment " + id);
            }
            out.add(f);
        }
        return out;
    }

    /** Rows visible in this version (physical rows minus deleted rows). */
    public long rowCount() {
        long rows = 0;
        for (Fragment f : fragments()) {
            rows += liveRows(f);
        }
        return rows;
    }

    /** Rows of a fragment that a scan returns. */
    public static long liveRows(Fragment f) {
        return f.getPhysicalRows() - (f.hasDeletion() ? f.getDeletion().getDeletedRows() : 0);
    }
}
