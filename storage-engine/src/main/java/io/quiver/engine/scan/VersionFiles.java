package io.quiver.engine.scan;

import io.quiver.engine.commit.Snapshot;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fragments of one table version, each opened (its files found open and checked against the
 * manifest, its deletion vector decoded) on first use and then kept: a take of a few rows, such
 * as a nearest-neighbour result, otherwise spends more time opening fragments than reading rows.
 * {@link TableFiles#version} keeps the version last asked for.
 */
public final class VersionFiles {
    private final TableFiles files;
    private final Snapshot snapshot;
    private final Map<Long, Fragment> byId = new HashMap<>();
    private final Map<Long, FragmentData> open = new ConcurrentHashMap<>();

    VersionFiles(TableFiles files, Snapshot snapshot) {
        this.files = files;
        this.snapshot = snapshot;
        for (Fragment f : snapshot.fragments()) {
            byId.put(f.getId(), f);
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The open fragment, or null when the version has no fragment with this id. */
    public FragmentData fragment(long id) throws IOException {
        FragmentData data = open.get(id);
        if (data == null) {
            Fragment f = byId.get(id);
            if (f == null) {
                return null;
            }
            // Two threads may both open it; either result is the same, so the race is harmless.
            data = files.open(f);
            open.put(id, data);
        }
        return data;
    }
}
