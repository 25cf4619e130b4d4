package io.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.expr.Filters;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.testing.FaultInjectingFileSystem;
import io.quiver.engine.testing.FaultInjectingFileSystem.Fault;
import io.quiver.engine.testing.IdRows;
import io.quiver.engine.testing.TestRandom;
import io.quiver.engine.testing.Trees;
import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash at any point of a commit leaves the table openable at the last acknowledged version,
 * or, when the crash hit the publishing of the new manifest (the commit was in doubt), at the
 * new version; never anything else. Each commit is run once per I/O operation it makes, failing
 * that operation (and, for a power loss, every later one, then dropping what was not durable).
 */
@ExtendWith(TestRandom.class)
class CrashTest {
    /** How the n-th operation fails. */
    enum Mode {
        EXCEPTION(Fault.EXCEPTION, false),
        DISK_FULL(Fault.DISK_FULL, false),
        POWER_LOSS(Fault.POWER_LOSS, false),
        TORN_POWER_LOSS(Fault.POWER_LOSS, true);

        final Fault fault;
        final boolean tear;

        Mode(Fault fault, boolean tear) {
            this.fault = fault;
            this.tear = tear;
        }

        boolean losesPower() {
            return fault == Fault.POWER_LOSS;
        }
    }

    /** The commits under test, and what each does to the model (the sorted ids). */
    enum Commit {
        /** On the table with {@code id} as primary key: ids 25-29 replaced, 30-34 new. */
        UPSERT {
            @Override
            void run(Dataset ds) throws IOException {
                try (VectorSchemaRoot batch = IdRows.batch(ds.allocator(), IdRows.range(25, 35))) {
                    ds.upsert(batch);
                }
            }

            @Override
            boolean keyed() {
                return true;
            }

            @Override
            List<Long> expected(List<Long> before) {
                return sorted(
                        Stream.concat(before.stream(), LongStream.range(30, 35).boxed())
                                .toList());
            }
        },
        /** On the table with a primary key: fragments and their key indexes rewritten. */
        COMPACT_KEYED {
            @Override
            void run(Dataset ds) throws IOException {
                assertTrue(ds.compact().fragmentsRemoved() > 0, "compaction had work to do");
            }

            @Override
            boolean keyed() {
                return true;
            }

            @Override
            List<Long> expected(List<Long> before) {
                return before;
            }
        },
        APPEND {
            @Override
            void run(Dataset ds) throws IOException {
                IdRows.append(ds, IdRows.range(100, 110));
            }

            @Override
            List<Long> expected(List<Long> before) {
                return sorted(Stream.concat(
                                before.stream(), LongStream.range(100, 110).boxed())
                        .toList());
            }
        },
        DELETE {
            @Override
            void run(Dataset ds) throws IOException {
                ds.delete(Filters.eq("grp", 3));
            }

            @Override
            List<Long> expected(List<Long> before) {
                return before.stream().filter(id -> IdRows.grp(id) != 3).toList();
            }
        },
        COMPACT {
            @Override
            void run(Dataset ds) throws IOException {
                assertTrue(ds.compact().fragmentsRemoved() > 0, "compaction had work to do");
            }

            @Override
            List<Long> expected(List<Long> before) {
                return before;
            }
        },
        /** A compaction that also copies live blobs out of the first fragment's pack (a third garbage). */
        COMPACT_MOVING_BLOBS {
            @Override
            void run(Dataset ds) throws IOException {
                assertTrue(
                        ds.compact(new CompactionOptions(1 << 20, 0.1, 0.2)).fragmentsRemoved() > 0,
                        "compaction had work to do");
            }

            @Override
            List<Long> expected(List<Long> before) {
                return before;
            }
        };

        abstract void run(Dataset ds) throws IOException;

        abstract List<Long> expected(List<Long> before);

        /** Whether the commit runs on the table with a primary key. */
        boolean keyed() {
            return false;
        }
    }

    private static final long[] NEXT = {1000, 1001, 1002};

    @TempDir
    Path tmp;

    private Path base;
    private Path keyedBase;
    private long baseVersion;
    private List<Long> baseIds;

    @BeforeEach
    void createBaseTable() throws IOException {
        base = tmp.resolve("base");
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.createThreeFragments(base, root)) {
            baseVersion = ds.version();
            baseIds = IdRows.ids(ds);
        }
        keyedBase = tmp.resolve("keyed-base");
        try (BufferAllocator root = new RootAllocator();
                Dataset ds = IdRows.createThreeFragments(keyedBase, root, PrimaryKey.of("id"))) {
            assertEquals(baseVersion, ds.version());
            assertEquals(baseIds, IdRows.ids(ds));
        }
    }

    static Stream<Arguments> commitsAndModes() {
        return Arrays.stream(Commit.values())
                .flatMap(c -> Arrays.stream(Mode.values()).map(m -> Arguments.of(c, m)));
    }

    @ParameterizedTest(name = "{0} failing with {1}")
    @MethodSource("commitsAndModes")
    void failureAtEveryOperationLeavesTheOldOrTheNewVersion(Commit commit, Mode mode, Random random)
            throws IOException {
        List<Long> after = commit.expected(baseIds);
        Set<Long> versionsSeen = new HashSet<>();
        try (BufferAllocator root = new RootAllocator()) {
            for (long n = 1; ; n++) {
                Path dir = Trees.copy(commit.keyed() ? keyedBase : base, tmp.resolve(commit + "-" + mode + "-" + n));
                FaultInjectingFileSystem fs =
                        new FaultInjectingFileSystem(Files.createDirectory(tmp.resolve("stash-" + n)));
                Throwable failure = null;
                try (Dataset ds = IdRows.open(fs.wrap(dir), root)) {
                    fs.failAt(n, mode.fault);
                    commit.run(ds);
                } catch (IOException e) {
                    failure = e;
                }
                boolean reached = fs.faulted() != null;
                if (mode.losesPower()) {
                    fs.losePower(random, mode.tear);
                }
                String context = commit + " with " + mode + " at operation " + n + " (" + fs.faulted() + "), commit "
                        + (failure == null ? "acknowledged" : "failed with " + failure) + "; last operations: "
                        + tail(fs.trace());
                versionsSeen.add(
                        checkRecovered(dir, root, failure == null, publishAttempted(fs.trace()), after, context));
                if (!reached) {
                    assertTrue(failure == null, context);
                    assertTrue(n > 10, "the commit made only " + (n - 1) + " operations: is the file system counting?");
                    break;
                }
            }
        }
        assertEquals(
                Set.of(baseVersion, baseVersion + 1),
                versionsSeen,
                "failures left the old version, success the new one");
    }

    /** The table reads as the old version or (acknowledged or in doubt) the new one; then it takes commits and cleanup. */
    private long checkRecovered(
            Path dir, BufferAllocator root, boolean acknowledged, boolean inDoubt, List<Long> after, String context)
            throws IOException {
        List<Long> expected;
        long v;
        try (Dataset ds = IdRows.open(dir, root)) {
            v = ds.version();
            if (v == baseVersion && !acknowledged) {
                expected = baseIds;
            } else if (v == baseVersion + 1 && (acknowledged || inDoubt)) {
                expected = after;
            } else {
                throw new AssertionError("opened at version " + v + " after " + context);
            }
            assertEquals(expected, readIds(ds, context), context);
            IdRows.append(ds, NEXT);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("recovery failed: " + e + " after " + context, e);
        }
        List<Long> next = sorted(
                Stream.concat(expected.stream(), Arrays.stream(NEXT).boxed()).toList());
        try (Dataset ds = IdRows.open(dir, root)) {
            assertEquals(next, readIds(ds, context), "after the next commit: " + context);
            ds.cleanup(Duration.ZERO);
        }
        try (Dataset ds = IdRows.open(dir, root)) {
            assertEquals(next, readIds(ds, context), "after cleanup: " + context);
        }
        return v;
    }

    private static List<Long> readIds(Dataset ds, String context) throws IOException {
        try {
            ds.verify();
            return IdRows.ids(ds);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("version " + ds.version() + " does not read: " + e + " after " + context, e);
        }
    }

    /** Whether the new manifest was linked into place (the commit may have happened even if it failed after). */
    private static boolean publishAttempted(List<String> trace) {
        return trace.stream()
                .anyMatch(line -> line.contains(" link " + TableLayout.VERSIONS + "/") && !line.contains("FAILED"));
    }

    private static String tail(List<String> trace) {
        return String.join(" | ", trace.subList(Math.max(0, trace.size() - 8), trace.size()));
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }

    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"EXCEPTION", "POWER_LOSS"})
    void failureAtEveryOperationOfCreateLeavesNoTableOrAnEmptyOne(Mode mode, Random random) throws IOException {
        try (BufferAllocator root = new RootAllocator()) {
            for (long n = 1; ; n++) {
                Path dir = tmp.resolve("create-" + mode + "-" + n);
                FaultInjectingFileSystem fs =
                        new FaultInjectingFileSystem(Files.createDirectory(tmp.resolve("stash-" + n)));
                fs.failAt(n, mode.fault);
                Throwable failure = null;
                try (Dataset ds = IdRows.create(fs.wrap(dir), root)) {
                    assertEquals(1, ds.version());
                } catch (IOException e) {
                    failure = e;
                }
                boolean reached = fs.faulted() != null;
                if (mode.losesPower()) {
                    fs.losePower(random, false);
                }
                String context = "create with " + mode + " at operation " + n + " (" + fs.faulted() + "), "
                        + (failure == null ? "acknowledged" : "failed with " + failure) + "; last operations: "
                        + tail(fs.trace());
                try (Dataset ds = openOrCreateAgain(dir, root, failure == null, context)) {
                    assertEquals(1, ds.version(), context);
                    assertEquals(List.of(), readIds(ds, context), context);
                    IdRows.append(ds, NEXT);
                    assertEquals(Arrays.stream(NEXT).boxed().toList(), readIds(ds, context), context);
                }
                if (!reached) {
                    break;
                }
            }
        }
    }

    private static Dataset openOrCreateAgain(Path dir, BufferAllocator root, boolean acknowledged, String context)
            throws IOException {
        try {
            return IdRows.open(dir, root);
        } catch (TableNotFoundException e) {
            assertTrue(!acknowledged, "an acknowledged create is lost: " + context);
            return IdRows.create(dir, root);
        }
    }

    @Test
    void acknowledgedCommitsSurviveAPowerLoss(Random random) throws IOException {
        Path dir = tmp.resolve("durable");
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(Files.createDirectory(tmp.resolve("stash")));
        List<Long> ids = new ArrayList<>();
        try (BufferAllocator root = new RootAllocator()) {
            try (Dataset ds = IdRows.create(fs.wrap(dir), root)) {
                IdRows.append(ds, IdRows.range(0, 20));
                ds.delete(Filters.eq("grp", 2));
                IdRows.append(ds, IdRows.range(20, 30));
                ds.compact();
                ids.addAll(IdRows.ids(ds));
            }
            fs.losePower(random, true);
            try (Dataset ds = IdRows.open(dir, root)) {
                assertEquals(ids, readIds(ds, "power loss after acknowledged commits"));
            }
        }
    }

    /**
     * Damage no crash of a conforming writer can leave (it publishes complete, fsynced files), but
     * a failing disk or a non-conforming writer can: the newest manifest zeroed, cut or overwritten.
     */
    enum Damage {
        ZERO_BYTES,
        HALF,
        ALL_BUT_LAST_BYTE,
        GARBAGE_TAIL
    }

    /**
     * A damaged newest manifest stops readers and writers with an error naming it (falling back
     * would lose its acknowledged rows at the next commit); the recovery open reads the version
     * before it; once an operator moves the damaged manifest aside, commits go on after it.
     */
    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedNewestManifestStopsReadersAndWritersUntilRecovered(Damage damage, Random random) throws IOException {
        Path dir = Trees.copy(base, tmp.resolve("damaged"));
        List<Long> previous;
        try (BufferAllocator root = new RootAllocator()) {
            try (Dataset ds = IdRows.open(dir, root)) {
                previous = IdRows.ids(ds);
                IdRows.append(ds, IdRows.range(50, 60));
            }
            long newest = baseVersion + 1;
            Path manifest = new TableLayout(dir).manifestPath(newest);
            byte[] bytes = Files.readAllBytes(manifest);
            byte[] damaged = switch (damage) {
                case ZERO_BYTES -> new byte[0];
                case HALF -> Arrays.copyOf(bytes, bytes.length / 2);
                case ALL_BUT_LAST_BYTE -> Arrays.copyOf(bytes, bytes.length - 1);
                case GARBAGE_TAIL -> {
                    byte[] b = bytes.clone();
                    for (int i = b.length / 2; i < b.length; i++) {
                        b[i] = (byte) random.nextInt();
                    }
                    yield b;
                }
            };
            Files.write(manifest, damaged);
            String name = TableLayout.VERSIONS + "/" + manifest.getFileName();

            CorruptFileException onOpen = assertThrows(CorruptFileException.class, () -> IdRows.open(dir, root));
            assertEquals(name, onOpen.file());
            try (Dataset old = Dataset.open(dir, baseVersion, DatasetOptions.DEFAULT.withAllocator(root))) {
                assertThrows(CorruptFileException.class, () -> IdRows.append(old, NEXT), "no commit over it");
            }
            try (Dataset ds = Dataset.openNewestReadable(dir, DatasetOptions.DEFAULT.withAllocator(root))) {
                assertEquals(baseVersion, ds.version());
                assertEquals(previous, IdRows.ids(ds));
                assertThrows(IllegalStateException.class, () -> IdRows.append(ds, NEXT));
            }

            // The operator's decision: set the damaged version aside, giving up its change.
            Files.move(manifest, dir.resolve("damaged-" + manifest.getFileName()));
            try (Dataset ds = IdRows.open(dir, root)) {
                assertEquals(baseVersion, ds.version());
                assertEquals(newest, IdRows.append(ds, NEXT), "the next commit takes the damaged version's number");
                assertEquals(
                        sorted(Stream.concat(
                                        previous.stream(), Arrays.stream(NEXT).boxed())
                                .toList()),
                        IdRows.ids(ds));
                ds.verify();
            }
        }
    }
}
