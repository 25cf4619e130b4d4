package io.quiver.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quiver.engine.commit.TableLayout;
import io.quiver.engine.testing.UntrustedInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer fuzz tests of the readers of a table's metadata: manifests (parse and validation) and
 * deletion vectors, each wrapped in an envelope with right checksums. Regression mode replays
 * {@code src/test/resources/io/quiver/engine/ManifestFuzzTestInputs}; fuzzing mode:
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl storage-engine -Dtest='ManifestFuzzTest#manifest'}.
 */
class ManifestFuzzTest {
    /** An empty table directory: manifests are read alone, deletion files need only their folder. */
    private static final Path TABLE;

    static {
        try {
            TABLE = Files.createTempDirectory("quiver-fuzz-table");
            TABLE.toFile().deleteOnExit();
            new TableLayout(TABLE).createDirectories();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void manifest(byte[] metadata) throws IOException {
        try {
            UntrustedInputs.readManifestFile(TABLE, metadata);
        } catch (IOException e) {
            if (!UntrustedInputs.isTyped(e)) {
                throw e;
            }
        }
    }

    /** A deletion vector of fragment 0 of 50 rows. */
    @FuzzTest(maxDuration = "60s")
    void deletionVector(byte[] metadata) throws IOException {
        try {
            UntrustedInputs.readDeletionFile(TABLE, metadata, 0, 50);
        } catch (IOException e) {
            if (!UntrustedInputs.isTyped(e)) {
                throw e;
            }
        }
    }
}
