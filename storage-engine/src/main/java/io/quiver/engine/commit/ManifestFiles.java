package io.quiver.engine.commit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quiver.engine.TableNotFoundException;
import io.quiver.engine.io.DurableFiles;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.CorruptFileException;
import io.quiver.format.EnvelopeWriter;
import io.quiver.format.FileEnvelope;
import io.quiver.format.FileKind;
import io.quiver.format.OpenEnvelope;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads, checks, lists and publishes version manifests (SPEC.md, "Manifests"). */
public final class ManifestFiles {
    /** A manifest lists fragments, not rows: even a million fragments fit well below this. */
    static final long MAX_MANIFEST_BYTES = 1L << 30;

    /** Row addresses hold a fragment id in 32 bits. */
    static final long MAX_FRAGMENT_ID = 0xFFFF_FFFFL;

    private ManifestFiles() {}

    /** Publishes a manifest as its version; false if that version already exists. */
    public static boolean publish(TableLayout layout, Manifest manifest) throws IOException {
        byte[] meta = manifest.toByteArray();
        return DurableFiles.publishIfAbsent(
                layout.manifestPath(manifest.getVersion()),
                channel -> new EnvelopeWriter(channel, FileKind.MANIFEST, FileEnvelope.newFileId()).finish(meta));
    }

    /** Version numbers that have a manifest file (valid or not), ascending. */
    public static List<Long> listVersions(TableLayout layout) throws IOException {
        List<Long> versions = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.versionsDir())) {
            for (Path p : dir) {
                long v = TableLayout.versionOf(p.getFileName().toString());
                if (v >= 0) {
                    versions.add(v);
                }
            }
        } catch (NoSuchFileException e) {
            throw new TableNotFoundException("no Quiver table at " + layout.root());
        }
        versions.sort(null);
        return versions;
    }

    /** Reads and checks one version's manifest. */
    public static Snapshot read(TableLayout layout, long version) throws IOException {
        Path path = layout.manifestPath(version);
        String name = TableLayout.VERSIONS + "/" + path.getFileName();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_MANIFEST_BYTES) {
                throw new CorruptFileException(
                        name, "has " + size + " bytes, more than a manifest may (" + MAX_MANIFEST_BYTES + ")");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new VersionNotFoundException("table " + layout.root() + " has no version " + version);
        }
        OpenEnvelope envelope = FileEnvelope.open(name, MemorySegment.ofArray(bytes), FileKind.MANIFEST);
        envelope.verifyFileChecksum();
        Manifest manifest;
        try {
            manifest = Manifest.parseFrom(envelope.metadata());
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptFileException(name, "manifest does not parse", e);
        }
        if (manifest.getVersion() != version) {
            throw new CorruptFileException(
                    name, "holds version " + manifest.getVersion() + " under the name of version " + version);
        }
        return new Snapshot(manifest, checkedSchema(name, manifest, layout));
    }

    /** Checks what a reader relies on: a decodable schema, unique fragments, safe file paths. */
    private static TableSchema checkedSchema(String name, Manifest m, TableLayout layout) throws CorruptFileException {
        TableSchema schema;
        try {
            schema = TableSchema.fromProto(m.getSchema());
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(name, "schema is invalid: " + e.getMessage());
        }
        if (schema.maxFieldId() >= Integer.toUnsignedLong(m.getNextFieldId())) {
            throw new CorruptFileException(
                    name, "field id " + schema.maxFieldId() + " is not below next field id " + m.getNextFieldId());
        }
        if (Long.compareUnsigned(m.getNextFragmentId(), MAX_FRAGMENT_ID + 1) > 0) {
            throw new CorruptFileException(
                    name, "next fragment id " + Long.toUnsignedString(m.getNextFragmentId()) + " exceeds 2^32");
        }
        Set<Long> ids = new HashSet<>();
        for (Fragment f : m.getFragmentsList()) {
            if (!ids.add(f.getId()) || Long.compareUnsigned(f.getId(), m.getNextFragmentId()) >= 0) {
                throw new CorruptFileException(
                        name, "fragment id " + f.getId() + " is repeated or not below " + m.getNextFragmentId());
            }
            if (f.getPhysicalRows() < 0 || f.getPhysicalRows() > Integer.MAX_VALUE) {
                throw new CorruptFileException(
                        name, "fragment " + f.getId() + " has " + Long.toUnsignedString(f.getPhysicalRows()) + " rows");
            }
            Set<Integer> held = new HashSet<>();
            for (DataFileRef file : f.getFilesList()) {
                held.addAll(file.getFieldIdsList());
                layout.resolve(file.getPath(), name);
                if (file.getFileId().size() != FileEnvelope.FILE_ID_LENGTH) {
                    throw new CorruptFileException(
                            name,
                            "data file " + file.getPath() + " has a file id of "
                                    + file.getFileId().size() + " bytes");
                }
            }
            for (var column : schema.columns()) {
                if (!column.nullable() && !held.contains(column.fieldId())) {
                    throw new CorruptFileException(
                            name, "fragment " + f.getId() + " has no data for NOT NULL column " + column.name());
                }
            }
            for (var pack : f.getBlobPacksList()) {
                layout.resolve(pack.getPath(), name);
            }
            if (f.hasPkIndex()) {
                layout.resolve(f.getPkIndex().getPath(), name);
            }
            if (f.hasDeletion()) {
                layout.resolve(f.getDeletion().getPath(), name);
                if (Long.compareUnsigned(f.getDeletion().getDeletedRows(), f.getPhysicalRows()) > 0) {
                    throw new CorruptFileException(name, "fragment " + f.getId() + " deletes more rows than it has");
                }
            }
        }
        java.util.Set<String> indexNames = new java.util.HashSet<>();
        for (var index : m.getVectorIndexesList()) {
            layout.resolve(index.getPath(), name);
            if (!indexNames.add(index.getName())) {
                throw new CorruptFileException(name, "names vector index " + index.getName() + " twice");
            }
            long nextOrdinal = 0;
            for (var covered : index.getCoveredList()) {
                if (covered.getFirstOrdinal() < nextOrdinal || covered.getPhysicalRows() > Integer.MAX_VALUE) {
                    throw new CorruptFileException(
                            name, "vector index " + index.getName() + " covers overlapping or unordered ordinals");
                }
                nextOrdinal = covered.getFirstOrdinal() + covered.getPhysicalRows();
            }
        }
        try {
            PrimaryKey key = PrimaryKey.of(m);
            if (key != null) {
                key.check(schema);
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(name, "declares an invalid primary key: " + e.getMessage());
        }
        return schema;
    }

    /**
     * The newest version. Its manifest is read and checked like any other: a damaged one is a
     * {@link CorruptFileException} naming it, never a silent step back to the version before it.
     * Commits publish complete, durable files (SPEC.md 8.2), so a damaged published manifest is
     * storage corruption; falling back would hide acknowledged writes, and the next commit would
     * then lose them for good.
     */
    public static Snapshot readLatest(TableLayout layout) throws IOException {
        List<Long> versions = listVersions(layout);
        if (versions.isEmpty()) {
            throw new TableNotFoundException("no Quiver table at " + layout.root());
        }
        return read(layout, versions.getLast());
    }

    /**
     * For recovery only: the newest version whose manifest passes its checks, skipping damaged
     * newer ones. If every manifest is damaged, the newest one's failure is raised.
     */
    public static Snapshot readNewestReadable(TableLayout layout) throws IOException {
        List<Long> versions = listVersions(layout);
        CorruptFileException newestFailure = null;
        for (int i = versions.size() - 1; i >= 0; i--) {
            try {
                return read(layout, versions.get(i));
            } catch (CorruptFileException e) {
                if (newestFailure == null) {
                    newestFailure = e;
                }
            }
        }
        if (newestFailure != null) {
            throw newestFailure;
        }
        throw new TableNotFoundException("no Quiver table at " + layout.root());
    }

    /** Every listed manifest that cannot be read, newest first (for {@code verify()}). */
    public static List<CorruptFileException> unreadable(TableLayout layout) throws IOException {
        List<Long> versions = listVersions(layout);
        List<CorruptFileException> damaged = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            try {
                read(layout, versions.get(i));
            } catch (CorruptFileException e) {
                damaged.add(e);
            } catch (VersionNotFoundException e) {
                // removed by a cleanup since the listing: nothing to check
            }
        }
        return damaged;
    }
}
