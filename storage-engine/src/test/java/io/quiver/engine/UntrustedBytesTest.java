package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.MetadataMutations;
import io.quiver.engine.testing.SampleDataFile;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.UntrustedInputs;
import io.quiver.engine.testing.UntrustedInputs.Parts;
import io.quiver.format.FileKind;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.DataFileMetadata;
import io.quiver.format.proto.DeletionVector;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of the metadata and pages of data files, of manifests and of deletion
 * vectors, with their checksums made right so that the bytes reach the parsers: every reader
 * returns or throws a typed error, never another exception, a leak or an unbounded allocation.
 * The Jazzer fuzz tests drive the same harnesses ({@link UntrustedInputs}) with coverage guidance.
 */
@ExtendWith(TestRandom.class)
@Timeout(120)
class UntrustedBytesTest {
    @TempDir
    Path tmp;

    interface Read {
        void run() throws IOException;
    }

    /** Runs a read that must succeed or fail with a typed error (or one of {@code allowed}), leaking nothing. */
    @SafeVarargs
    private static void typedOrNothing(
            String what, BufferAllocator allocator, Read read, Class<? extends Throwable>... allowed) {
        try {
            read.run();
        } catch (Throwable t) {
            boolean ok = UntrustedInputs.isTyped(t);
            for (Class<? extends Throwable> c : allowed) {
                ok |= c.isInstance(t);
            }
            if (!ok) {
                throw new AssertionError(what + ": expected success or a typed error, got " + t, t);
            }
        }
        assertEquals(0, allocator.getAllocatedMemory(), what + ": leaked Arrow memory");
    }

    private static String describe(
            byte[] metadata, com.google.protobuf.Parser<? extends com.google.protobuf.Message> parser) {
        try {
            return TextFormat.printer().emittingSingleLine(true).printToString(parser.parseFrom(metadata));
        } catch (InvalidProtocolBufferException e) {
            return "(does not parse: " + metadata.length + " bytes)";
        }
    }

    @Test
    void dataFilesWithMutatedMetadataOrPages(Random random) throws IOException {
        Parts sample = UntrustedInputs.parts(SampleDataFile.bytes(), FileKind.DATA);
        DataFileMetadata meta = DataFileMetadata.parseFrom(sample.metadata());
        Path file = tmp.resolve("f.qvd");
        try (BufferAllocator root = new RootAllocator()) {
            Files.write(file, SampleDataFile.bytes());
            UntrustedInputs.readDataFile(file, root);
            for (int i = 0; i < 1600; i++) {
                byte[] body = sample.body();
                byte[] metadata = switch (i % 4) {
                    case 0, 1 -> MetadataMutations.dataFileMetadata(meta, random);
                    case 2 -> MetadataMutations.flipBytes(sample.metadata(), random);
                    default -> {
                        mutatePage(body, meta, random);
                        yield sample.metadata();
                    }
                };
                Files.write(file, UntrustedInputs.dataFile(sample.fileId(), body, metadata));
                typedOrNothing(
                        "mutation " + i + " " + describe(metadata, DataFileMetadata.parser()),
                        root,
                        () -> UntrustedInputs.readDataFile(file, root));
            }
        }
    }

    /** Changes a few bytes inside one page (its checksum is made right afterwards). */
    private static void mutatePage(byte[] body, DataFileMetadata meta, Random random) {
        ColumnChunk c = meta.getColumns(random.nextInt(meta.getColumnsCount()));
        int p = random.nextInt(c.getPageOffsetCount());
        int from = (int) c.getPageOffset(p) - io.quiver.format.FileEnvelope.HEADER_LENGTH;
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            int at = from + random.nextInt(c.getPageStoredLength(p));
            body[at] = random.nextBoolean() ? (byte) random.nextInt() : (byte) (body[at] ^ 0x80);
        }
    }

    /** A table of three fragments with deletions, and its newest snapshot. */
    private Snapshot table(Path path) throws IOException {
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.create(path, root)) {
            IdRows.append(ds, IdRows.range(0, 50));
            IdRows.append(ds, IdRows.range(50, 100));
            IdRows.append(ds, IdRows.range(100, 120));
            ds.delete(Filters.eq("grp", 4));
            return ManifestFiles.read(new TableLayout(path), ds.version());
        }
    }

    @Test
    void mutatedManifests(Random random) throws IOException {
        Path path = tmp.resolve("table");
        Manifest manifest = table(path).manifest();
        try (BufferAllocator root = new RootAllocator()) {
            for (int i = 0; i < 1000; i++) {
                byte[] metadata = i % 4 == 3
                        ? MetadataMutations.flipBytes(manifest.toByteArray(), random)
                        : MetadataMutations.manifest(manifest, random);
                // A manifest may name a data file that is not there: the reader says which (NoSuchFileException).
                typedOrNothing(
                        "mutation " + i + " " + describe(metadata, Manifest.parser()),
                        root,
                        () -> UntrustedInputs.readManifest(path, metadata, root),
                        NoSuchFileException.class);
            }
        }
    }

    @Test
    void mutatedDeletionVectors(Random random) throws IOException {
        Path path = tmp.resolve("table");
        Snapshot s = table(path);
        Fragment f = s.fragments().getFirst();
        DeletionVector dv = DeletionVector.parseFrom(UntrustedInputs.parts(
                        Files.readAllBytes(path.resolve(f.getDeletion().getPath())), FileKind.DELETION)
                .metadata());
        try (BufferAllocator root = new RootAllocator()) {
            UntrustedInputs.readDeletionFile(path, dv.toByteArray(), f.getId(), f.getPhysicalRows());
            for (int i = 0; i < 1200; i++) {
                byte[] metadata = i % 4 == 3
                        ? MetadataMutations.flipBytes(dv.toByteArray(), random)
                        : MetadataMutations.deletionVector(dv, random);
                typedOrNothing(
                        "mutation " + i + " " + describe(metadata, DeletionVector.parser()),
                        root,
                        () -> UntrustedInputs.readDeletionFile(path, metadata, f.getId(), f.getPhysicalRows()));
            }
        }
    }
}
