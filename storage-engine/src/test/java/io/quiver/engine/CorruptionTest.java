package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.datafile.DataFileOptions;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.testing.Damages;
import io.quiver.engine.testing.Damages.Damage;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import io.quiver.format.CorruptFileException;
import io.quiver.format.UnsupportedFormatVersionException;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged files on disk: every read of a data file, deletion file or manifest that was truncated
 * or had a bit flipped either returns the right answer (it did not need the damaged bytes) or
 * throws a {@link CorruptFileException} naming the file; {@code verify()} always throws. A
 * damaged newest manifest is an error naming it, never a step back to the version before it; a
 * damaged older one only breaks time travel to it. Manifests whose checksums are right but whose contents lie or point outside
 * the table are rejected as corrupt.
 */
@ExtendWith(TestRandom.class)
@Timeout(120)
class CorruptionTest {
    @TempDir
    static Path tmp;

    private static Path table;
    /** Ids at versions 3 (two appends) and 4 (a delete), the newest. */
    private static List<Long> idsV3;

    private static List<Long> idsV4;
    private static long filteredV4;
    private static long[] addresses;
    private static List<Long> taken;
    private static Fragment firstFragment;

    /** Version 2 appends 0..99 (one fragment), 3 appends 100..249 (two), 4 deletes grp 3 from all three. */
    @BeforeAll
    static void createTable() throws IOException {
        table = tmp.resolve("table");
        WriteOptions small =
                WriteOptions.DEFAULT.withMaxRowsPerFragment(100).withDataFile(new DataFileOptions(128, 3, 0.2));
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = Dataset.create(
                        table,
                        IdRows.SCHEMA,
                        DatasetOptions.DEFAULT.withAllocator(root).withWriteOptions(small))) {
            IdRows.append(ds, IdRows.range(0, 100));
            IdRows.append(ds, IdRows.range(100, 250));
            idsV3 = IdRows.ids(ds);
            ds.delete(Filters.eq("grp", 3));
            assertEquals(4, ds.version());
            idsV4 = IdRows.ids(ds);
            filteredV4 = idsV4.stream().filter(id -> IdRows.grp(id) == 2).count();
            List<Long> all = new ArrayList<>();
            try (ArrowReader r = ds.scan().columns("id").withRowAddress().toArrowReader()) {
                while (r.loadNextBatch()) {
                    VectorSchemaRoot b = r.getVectorSchemaRoot();
                    for (int i = 0; i < b.getRowCount(); i++) {
                        all.add(((BigIntVector) b.getVector(ScanSpec.ROW_ADDRESS)).get(i));
                    }
                }
            }
            addresses = new long[] {all.get(0), all.get(50), all.get(120), all.get(all.size() - 1), all.get(7)};
            taken = takeIds(ds, addresses);
            firstFragment =
                    ManifestFiles.read(new TableLayout(table), 4).fragments().get(0);
            assertTrue(firstFragment.hasDeletion());
        }
    }

    private static List<Long> takeIds(Dataset ds, long[] rows) throws IOException {
        try (VectorSchemaRoot r = ds.take(rows)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < r.getRowCount(); i++) {
                ids.add(((BigIntVector) r.getVector("id")).get(i));
            }
            return ids;
        }
    }

    /** A read of the table that either answers right or fails. */
    interface Read {
        Object run(Dataset ds) throws IOException;
    }

    /** Whether a failure is the expected one (a typed error naming the damaged file). */
    private static Consumer<Throwable> corruptNaming(String file) {
        return t -> {
            if (!(t instanceof CorruptFileException c) || !c.file().equals(file)) {
                throw new AssertionError("expected CorruptFileException naming " + file + ", got " + t, t);
            }
        };
    }

    /** Runs a read on a fresh handle: it must return {@code expected} or fail as {@code failure} accepts. */
    private static void rightOrFails(
            BufferAllocator root, String what, Read read, Object expected, Consumer<Throwable> failure) {
        Object got;
        try (Dataset ds = IdRows.open(table, root)) {
            got = read.run(ds);
        } catch (Throwable t) {
            try {
                failure.accept(t);
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), t);
            }
            return;
        }
        assertEquals(expected, got, what + ": a wrong answer");
    }

    /** Every read: right answers or the expected failure; verify() always the expected failure. */
    private static void checkEveryRead(BufferAllocator root, String what, Consumer<Throwable> failure) {
        rightOrFails(root, what + ", scan", IdRows::ids, idsV4, failure);
        rightOrFails(root, what + ", count", Dataset::count, (long) idsV4.size(), failure);
        rightOrFails(root, what + ", filtered count", ds -> ds.count(Filters.eq("grp", 2)), filteredV4, failure);
        rightOrFails(root, what + ", take", ds -> takeIds(ds, addresses), taken, failure);
        rightOrFails(
                root,
                what + ", verify",
                ds -> {
                    ds.verify();
                    return "verified";
                },
                "never",
                failure);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "deletion", "blob pack"})
    void damagedDataDeletionAndBlobFilesAreCorruptionOnEveryRead(String kind, Random random) throws IOException {
        String file = switch (kind) {
            case "data" -> firstFragment.getFiles(0).getPath();
            case "deletion" -> firstFragment.getDeletion().getPath();
            default -> firstFragment.getBlobPacks(0).getPath();
        };
        Path path = table.resolve(file);
        byte[] original = Files.readAllBytes(path);
        try (BufferAllocator root = new RootAllocator()) {
            withEachDamage(
                    path,
                    Damages.sample(original, random, 120, 200),
                    d -> checkEveryRead(root, file + " " + d.what(), corruptNaming(file)));
            withEachDamage(
                    path,
                    List.of(new Damage("format version 2", Damages.withFormatVersion(original, 2))),
                    d -> checkEveryRead(root, file + " of format version 2", t -> {
                        if (!(t instanceof UnsupportedFormatVersionException u)
                                || !u.getMessage().startsWith(file + ": ")
                                || !u.tooNew()) {
                            throw new AssertionError(
                                    "expected UnsupportedFormatVersionException naming " + file + ", got " + t, t);
                        }
                    }));
            try (Dataset ds = IdRows.open(table, root)) {
                ds.verify();
                assertEquals(idsV4, IdRows.ids(ds), "restored");
            }
        }
    }

    interface DamageCheck {
        void check(Damage damage) throws IOException;
    }

    /** Writes each damaged copy over {@code file}, runs the check, and puts the original bytes back. */
    private static void withEachDamage(Path file, List<Damage> damages, DamageCheck check) throws IOException {
        byte[] original = Files.readAllBytes(file);
        try {
            for (Damage d : damages) {
                Files.write(file, d.bytes());
                check.check(d);
            }
        } finally {
            Files.write(file, original);
        }
    }

    private static Path manifest(Path table, long version) {
        return new TableLayout(table).manifestPath(version);
    }

    private static String manifestName(long version) {
        return TableLayout.VERSIONS + "/" + TableLayout.manifestName(version);
    }

    /**
     * A damaged newest manifest is storage corruption (commits publish complete, durable files):
     * opening the table names it instead of silently showing the version before it, a writer
     * holding an older version cannot commit over it, verify() reports it, and the recovery open
     * reads the version before it without being able to write.
     */
    @Test
    void damagedNewestManifestIsACorruptFileErrorNotARollback(Random random) throws IOException {
        Path path = manifest(table, 4);
        try (BufferAllocator root = new RootAllocator();
                Dataset before = Dataset.open(table, 3, DatasetOptions.DEFAULT.withAllocator(root))) {
            withEachDamage(path, Damages.sample(Files.readAllBytes(path), random, 60, 120), d -> {
                expectCorrupt(manifestName(4), () -> IdRows.open(table, root).close(), d.what());
                expectCorrupt(
                        manifestName(4),
                        () -> Dataset.open(table, 4, DatasetOptions.DEFAULT.withAllocator(root))
                                .close(),
                        d.what());
                expectCorrupt(manifestName(4), () -> IdRows.append(before, 1000), d.what());
                expectCorrupt(manifestName(4), before::verify, d.what());
                try (Dataset ds = Dataset.openNewestReadable(table, DatasetOptions.DEFAULT.withAllocator(root))) {
                    assertEquals(3, ds.version(), d.what());
                    assertEquals(idsV3, IdRows.ids(ds), d.what());
                    assertThrows(IllegalStateException.class, () -> IdRows.append(ds, 1000), d.what());
                }
                assertEquals(List.of(1L, 2L, 3L, 4L), ManifestFiles.listVersions(new TableLayout(table)), d.what());
            });
        }
    }

    @Test
    void damagedOlderManifestOnlyBreaksTimeTravelToIt(Random random) throws IOException {
        Path path = manifest(table, 2);
        try (BufferAllocator root = new RootAllocator()) {
            withEachDamage(path, Damages.sample(Files.readAllBytes(path), random, 30, 60), d -> {
                try (Dataset ds = IdRows.open(table, root)) {
                    assertEquals(4, ds.version(), d.what());
                    assertEquals(idsV4, IdRows.ids(ds), d.what());
                    assertEquals(
                            List.of(1L, 3L, 4L),
                            ds.versions().stream().map(VersionInfo::version).toList(),
                            d.what());
                }
                try (Dataset ds = Dataset.open(table, 3, DatasetOptions.DEFAULT.withAllocator(root))) {
                    assertEquals(idsV3, IdRows.ids(ds), d.what());
                }
                expectCorrupt(
                        manifestName(2),
                        () -> Dataset.open(table, 2, DatasetOptions.DEFAULT.withAllocator(root))
                                .close(),
                        d.what());
            });
        }
    }

    interface Action {
        void run() throws IOException;
    }

    private static void expectCorrupt(String file, Action action, String what) {
        try {
            action.run();
        } catch (Throwable t) {
            corruptNaming(file).accept(t);
            return;
        }
        throw new AssertionError(what + ": expected CorruptFileException naming " + file + ", got no error");
    }

    @Test
    void manifestOfANewerFormatVersionStopsReadersAndWritersInsteadOfBeingSkipped() throws IOException {
        Path copy = Trees.copy(table, tmp.resolve("newer-format"));
        TableLayout layout = new TableLayout(copy);
        try (BufferAllocator root = new RootAllocator();
                Dataset old = IdRows.open(copy, root)) {
            ManifestFiles.publish(
                    layout,
                    ManifestFiles.read(layout, 4).manifest().toBuilder()
                            .setVersion(5)
                            .build());
            Path v5 = layout.manifestPath(5);
            Files.write(v5, Damages.withFormatVersion(Files.readAllBytes(v5), 2));
            // Falling back to version 4 would show stale rows, and a writer would then commit over version 5's change.
            assertUnsupported(() -> IdRows.open(copy, root).close());
            assertUnsupported(() -> IdRows.append(old, 1000));
            assertEquals(4, old.version());
            try (Dataset v4 = Dataset.open(copy, 4, DatasetOptions.DEFAULT.withAllocator(root))) {
                assertEquals(idsV4, IdRows.ids(v4), "time travel to older versions still works");
            }
        }
    }

    private static void assertUnsupported(Action action) {
        try {
            action.run();
        } catch (UnsupportedFormatVersionException e) {
            assertTrue(e.tooNew() && e.getMessage().startsWith(manifestName(5) + ": "), e.getMessage());
            return;
        } catch (Throwable t) {
            throw new AssertionError("expected UnsupportedFormatVersionException, got " + t, t);
        }
        throw new AssertionError("expected UnsupportedFormatVersionException, got no error");
    }

    /** A change to version 4's manifest, published as version 5 with valid checksums. */
    interface Lie {
        void apply(Manifest.Builder m);
    }

    private static void publishAsVersion5(TableLayout layout, Lie lie) throws IOException {
        Manifest.Builder m =
                ManifestFiles.read(layout, 4).manifest().toBuilder().setVersion(5);
        lie.apply(m);
        Files.deleteIfExists(layout.manifestPath(5));
        assertTrue(ManifestFiles.publish(layout, m.build()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../outside.qvd",
                "/etc/passwd",
                "data/../../outside.qvd",
                "data/../_versions/00000000000000000001.qvm",
                "data/sub/x.qvd",
                "data/x.txt",
                "data\\..\\x.qvd",
                "",
                "data/",
                "deletions/../../outside.qdl",
                "data/x.qvd\u0000"
            })
    void manifestPathsOutsideTheTableAreCorruption(String hostile) throws IOException {
        try (BufferAllocator root = new RootAllocator()) {
            for (boolean deletion : new boolean[] {false, true}) {
                Path copy = Trees.copy(
                        table, tmp.resolve("escape-" + Integer.toHexString(hostile.hashCode()) + "-" + deletion));
                Path outside = Files.writeString(copy.resolveSibling("outside.qvd"), "not ours");
                Files.copy(
                        outside, copy.resolveSibling("outside.qdl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                TableLayout layout = new TableLayout(copy);
                publishAsVersion5(layout, m -> {
                    Fragment.Builder f = m.getFragmentsBuilder(0);
                    if (deletion) {
                        f.getDeletionBuilder().setPath(hostile);
                    } else {
                        f.getFilesBuilder(0).setPath(hostile);
                    }
                });
                expectCorrupt(manifestName(5), () -> IdRows.open(copy, root).close(), "the hostile newest version");
                try {
                    Dataset.open(copy, 5, DatasetOptions.DEFAULT.withAllocator(root))
                            .close();
                    throw new AssertionError("a manifest referring to '" + hostile + "' was accepted");
                } catch (CorruptFileException e) {
                    assertEquals(manifestName(5), e.file());
                    assertTrue(e.getMessage().contains("invalid file path"), e.getMessage());
                }
                // Once a valid version follows it, the hostile one is an old damaged version.
                assertTrue(ManifestFiles.publish(
                        layout,
                        ManifestFiles.read(layout, 4).manifest().toBuilder()
                                .setVersion(6)
                                .build()));
                try (Dataset ds = IdRows.open(copy, root)) {
                    assertEquals(6, ds.version());
                    assertEquals(idsV4, IdRows.ids(ds));
                    ds.cleanup(Duration.ZERO);
                }
                assertEquals("not ours", Files.readString(outside), "cleanup never touches a file outside the table");
                assertTrue(Files.exists(copy.resolveSibling("outside.qdl")));
            }
        }
    }

    /** Reads find blobs by the ids in their descriptors; verify() holds the manifest's pack list to them. */
    @Test
    void manifestThatLiesAboutItsBlobPacksFailsVerify() throws IOException {
        Path copy = Trees.copy(table, tmp.resolve("blob-lies"));
        TableLayout layout = new TableLayout(copy);
        List<Lie> lies = List.of(
                m -> m.getFragmentsBuilder(0)
                        .getBlobPacksBuilder(0)
                        .setSizeBytes(m.getFragments(0).getBlobPacks(0).getSizeBytes() + 1),
                m -> m.getFragmentsBuilder(0)
                        .getBlobPacksBuilder(0)
                        .setFileId(com.google.protobuf.ByteString.copyFrom(new byte[16])),
                m -> m.getFragmentsBuilder(0)
                        .getBlobPacksBuilder(0)
                        .setPath(m.getFragments(1).getBlobPacks(0).getPath()),
                m -> m.getFragmentsBuilder(0).clearBlobPacks(),
                m -> m.getFragmentsBuilder(0).setBlobPacks(0, m.getFragments(1).getBlobPacks(0)));
        try (BufferAllocator root = new RootAllocator()) {
            for (int i = 0; i < lies.size(); i++) {
                publishAsVersion5(layout, lies.get(i));
                int lie = i;
                try (Dataset ds = IdRows.open(copy, root)) {
                    assertEquals(5, ds.version());
                    assertEquals(idsV4, IdRows.ids(ds), "lie " + lie + ": reads follow the descriptors");
                    assertThrows(CorruptFileException.class, ds::verify, "lie " + lie);
                }
            }
        }
    }

    @Test
    void manifestThatLiesAboutItsFilesIsCorruptionNamingAFile() throws IOException {
        Path copy = Trees.copy(table, tmp.resolve("lies"));
        TableLayout layout = new TableLayout(copy);
        Set<String> fragmentFiles = new HashSet<>();
        for (Fragment f : ManifestFiles.read(layout, 4).fragments().subList(0, 2)) {
            fragmentFiles.add(f.getFiles(0).getPath());
            fragmentFiles.add(f.getDeletion().getPath());
        }
        List<Lie> readTimeLies = List.of(
                m -> m.getFragmentsBuilder(0)
                        .getFilesBuilder(0)
                        .setFileId(m.getFragments(1).getFiles(0).getFileId()),
                m -> m.getFragmentsBuilder(0)
                        .getFilesBuilder(0)
                        .setSizeBytes(firstFragment.getFiles(0).getSizeBytes() + 1),
                m -> m.getFragmentsBuilder(0)
                        .getFilesBuilder(0)
                        .setPath(m.getFragments(1).getFiles(0).getPath())
                        .setSizeBytes(m.getFragments(1).getFiles(0).getSizeBytes()),
                m -> m.getFragmentsBuilder(0).setPhysicalRows(99),
                m -> m.getFragmentsBuilder(0).getFilesBuilder(0).addFieldIds(77),
                m -> m.getFragmentsBuilder(0).getDeletionBuilder().setDeletedRows(1),
                m -> m.getFragmentsBuilder(0)
                        .getDeletionBuilder()
                        .setFileId(m.getFragments(1).getDeletion().getFileId()),
                m -> m.getFragmentsBuilder(0).setDeletion(m.getFragments(1).getDeletion()),
                // A schema type that disagrees with the data file's: never reinterpret the bytes.
                m -> m.getSchemaBuilder().getFieldsBuilder(0).getTypeBuilder().setId(TypeId.FLOAT64),
                m -> m.getSchemaBuilder().getFieldsBuilder(1).getTypeBuilder().setId(TypeId.DATE32),
                m -> m.getSchemaBuilder().getFieldsBuilder(2).getTypeBuilder().setId(TypeId.BINARY));
        List<Lie> openTimeLies = List.of(
                m -> m.addFragments(m.getFragments(0)),
                m -> m.setNextFragmentId(1),
                m -> m.setNextFieldId(1),
                m -> m.getSchemaBuilder().getFieldsBuilder(0).getTypeBuilder().setIdValue(999),
                m -> m.getSchemaBuilder()
                        .getFieldsBuilder(1)
                        .setName(m.getSchema().getFields(0).getName()),
                m -> m.getFragmentsBuilder(0)
                        .getFilesBuilder(0)
                        .setFileId(com.google.protobuf.ByteString.copyFrom(new byte[3])),
                m -> m.getFragmentsBuilder(0).getDeletionBuilder().setDeletedRows(1000),
                m -> m.getFragmentsBuilder(0).setPhysicalRows(-1));
        try (BufferAllocator root = new RootAllocator()) {
            for (int i = 0; i < readTimeLies.size(); i++) {
                publishAsVersion5(layout, readTimeLies.get(i));
                try (Dataset ds = IdRows.open(copy, root)) {
                    assertEquals(5, ds.version());
                    IdRows.ids(ds);
                    throw new AssertionError("lie " + i + " was read without error");
                } catch (CorruptFileException e) {
                    assertTrue(fragmentFiles.contains(e.file()), "lie " + i + " names " + e.file() + ": " + e);
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError("lie " + i + ": expected CorruptFileException, got " + e, e);
                }
            }
            for (int i = 0; i < openTimeLies.size(); i++) {
                publishAsVersion5(layout, openTimeLies.get(i));
                int lie = i;
                expectCorrupt(
                        manifestName(5),
                        () -> Dataset.open(copy, 5, DatasetOptions.DEFAULT.withAllocator(root))
                                .close(),
                        "lie " + lie);
                expectCorrupt(manifestName(5), () -> IdRows.open(copy, root).close(), "open-time lie " + lie);
            }
        }
    }
}
