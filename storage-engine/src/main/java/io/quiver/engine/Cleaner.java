package io.quiver.engine;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.io.DurableFiles;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.BlobPackRef;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Age-gated removal of old versions and of files no remaining version references. */
final class Cleaner {
    private Cleaner() {}

    static CleanupResult cleanup(TableLayout layout, Duration olderThan) throws IOException {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got " + olderThan);
        }
        Instant cutoff = Instant.now().minus(olderThan);
        long cutoffMicros = cutoff.getEpochSecond() * 1_000_000L + cutoff.getNano() / 1000;
        Snapshot latest = ManifestFiles.readLatest(layout);
        Set<String> referenced = new HashSet<>();
        int versionsRemoved = 0;
        int filesRemoved = 0;
        long bytesRemoved = 0;
        for (long v : ManifestFiles.listVersions(layout)) {
            Path manifest = layout.manifestPath(v);
            boolean old;
            Snapshot s = null;
            try {
                s = ManifestFiles.read(layout, v);
                old = s.manifest().getCommitTimeMicros() < cutoffMicros;
            } catch (CorruptFileException e) {
                old = olderThanCutoff(manifest, cutoff); // a torn manifest never was a version
            }
            if (v != latest.version() && old) {
                bytesRemoved += Files.size(manifest);
                Files.delete(manifest);
                versionsRemoved++;
            } else if (s != null) {
                s.manifest().getVectorIndexesList().forEach(i -> referenced.add(i.getPath()));
                for (Fragment f : s.fragments()) {
                    f.getFilesList().stream().map(DataFileRef::getPath).forEach(referenced::add);
                    if (f.hasDeletion()) {
                        referenced.add(f.getDeletion().getPath());
                    }
                    f.getBlobPacksList().stream().map(BlobPackRef::getPath).forEach(referenced::add);
                    if (f.hasPkIndex()) {
                        referenced.add(f.getPkIndex().getPath());
                    }
                }
            }
        }
        for (String dir : new String[] {
            TableLayout.DATA, TableLayout.DELETIONS, TableLayout.BLOBS, TableLayout.INDEXES, TableLayout.VERSIONS
        }) {
            if (!Files.isDirectory(layout.root().resolve(dir))) {
                continue; // blobs/ and indexes/ are absent in tables created before they existed
            }
            try (DirectoryStream<Path> entries =
                    Files.newDirectoryStream(layout.root().resolve(dir))) {
                for (Path p : entries) {
                    String relative = dir + "/" + p.getFileName();
                    boolean manifest = dir.equals(TableLayout.VERSIONS)
                            && TableLayout.versionOf(p.getFileName().toString()) >= 0;
                    if (!manifest && !referenced.contains(relative) && olderThanCutoff(p, cutoff)) {
                        bytesRemoved += Files.size(p);
                        Files.delete(p);
                        filesRemoved++;
                    }
                }
            }
            DurableFiles.syncDirectory(layout.root().resolve(dir));
        }
        return new CleanupResult(versionsRemoved, filesRemoved, bytesRemoved);
    }

    private static boolean olderThanCutoff(Path p, Instant cutoff) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
    }
}
