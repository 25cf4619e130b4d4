package io.quiver.engine.commit;

import io.quiver.engine.io.DurableFiles;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.proto.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The commit loop (SPEC.md, "Commit protocol"): describe version N+1 on top of the newest
 * version N, publish it only if no version N+1 exists, and on losing that race rebase onto the
 * winner (or compute the change again, or give up with a conflict) and try N+2.
 */
public final class Committer {
    /** Attempts before giving up; each lost attempt means another writer made progress. */
    static final int MAX_ATTEMPTS = 10_000;

    private Committer() {}

    /** Computes a change from a snapshot; called again when a change must be recomputed. */
    @FunctionalInterface
    public interface Preparer {
        Transaction prepare(Snapshot base) throws IOException;
    }

    public static Snapshot commit(TableLayout layout, Snapshot base, Preparer preparer) throws IOException {
        Transaction txn = preparer.prepare(base);
        Snapshot latest = base;
        Map<Long, Snapshot> seen = new HashMap<>();
        boolean publishing = false;
        boolean namesDurable = false;
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                // One listing decides both the newest version and what was committed since the read,
                // so no version can land in between unchecked.
                List<Long> listed = ManifestFiles.listVersions(layout);
                long highest = listed.isEmpty() ? -1 : listed.getLast();
                List<Snapshot> since = committedSince(layout, txn.readVersion(), listed, seen);
                if (!since.isEmpty() && since.getLast().version() > latest.version()) {
                    latest = since.getLast();
                }
                Manifest.Builder next = txn.rebase(latest, since);
                if (next == null) {
                    deleteQuietly(layout, txn.filesToRecompute());
                    txn = preparer.prepare(latest);
                    namesDurable = false;
                    continue;
                }
                if (!namesDurable) {
                    syncParentDirectories(layout, txn.writtenFiles());
                    namesDurable = true;
                }
                long version = Math.max(highest, latest.version()) + 1;
                Manifest manifest = next.setVersion(version)
                        .setReadVersion(txn.readVersion())
                        .setCommitTimeMicros(nowMicros())
                        .build();
                publishing = true;
                if (ManifestFiles.publish(layout, manifest)) {
                    return new Snapshot(manifest, TableSchema.fromProto(manifest.getSchema()));
                }
                publishing = false;
                backOff(attempt);
            }
            throw new IOException("gave up committing to " + layout.root() + " after " + MAX_ATTEMPTS + " attempts");
        } catch (IOException | RuntimeException e) {
            // A failure while publishing may have published: then the files belong to a version.
            if (!publishing) {
                deleteQuietly(layout, txn.writtenFiles());
            }
            throw e;
        }
    }

    private static List<Snapshot> committedSince(
            TableLayout layout, long readVersion, List<Long> listed, Map<Long, Snapshot> seen) throws IOException {
        List<Snapshot> since = new ArrayList<>();
        for (long v : listed) {
            if (v <= readVersion) {
                continue;
            }
            Snapshot s = seen.get(v);
            if (s == null) {
                try {
                    s = ManifestFiles.read(layout, v);
                } catch (VersionNotFoundException e) {
                    continue; // removed by a cleanup: older than any reader
                }
                // A damaged version (CorruptFileException) stops the commit: committing over it
                // would drop its acknowledged change for good.
                seen.put(v, s);
            }
            since.add(s);
        }
        return since;
    }

    private static void backOff(int attempt) {
        if (attempt < 4) {
            return;
        }
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(50, 50L * Math.min(attempt, 40)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commit timestamps: microseconds since the epoch. */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * The new files were forced when written, but their names are durable only once their
     * directories are: without this a power loss after the commit could leave the new manifest
     * pointing at files that are gone.
     */
    private static void syncParentDirectories(TableLayout layout, List<String> files) throws IOException {
        for (Path dir : files.stream()
                .map(f -> layout.root().resolve(f).getParent())
                .distinct()
                .toList()) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** Removes files that no version references; a failure leaves them for cleanup. */
    public static void deleteQuietly(TableLayout layout, List<String> files) {
        for (String f : files) {
            try {
                Files.deleteIfExists(layout.root().resolve(f));
            } catch (IOException e) {
                // Left for cleanup(): an unreferenced file is invisible to readers.
            }
        }
    }
}
