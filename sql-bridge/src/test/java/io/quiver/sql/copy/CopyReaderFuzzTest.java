package io.quiver.sql.copy;

import static io.quiver.sql.copy.CopyTestSupport.column;
import static io.quiver.sql.copy.CopyTestSupport.schema;
import static io.quiver.sql.copy.CopyTestSupport.vector;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quiver.format.proto.TypeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Jazzer fuzz test of the COPY FROM readers of untrusted text and bytes: only IOExceptions (bad
 * input is a CopyFormatException) may come out, with no leak, hang or OutOfMemoryError. The first
 * byte picks the format. Regression mode replays
 * {@code src/test/resources/io/quiver/sql/copy/CopyReaderFuzzTestInputs}; fuzzing mode:
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl sql-bridge -Dtest=CopyReaderFuzzTest}.
 */
class CopyReaderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("quiver-copy-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Schema TEXT = schema(
            column("id", TypeId.INT32, false),
            column("name", TypeId.UTF8, true),
            column("bin", TypeId.BINARY, true),
            column("d", TypeId.DATE32, true),
            vector("v", 3, true));

    private static final Schema FVECS = schema(column("id", TypeId.INT64, false), vector("v", 3, false));

    @FuzzTest(maxDuration = "60s")
    void readers(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        CopyFormat format = switch (input[0] & 3) {
            case 0 -> CopyFormat.CSV;
            case 1 -> CopyFormat.JSON;
            case 2 -> CopyFormat.FVECS;
            default -> CopyFormat.ARROW;
        };
        Path file = DIR.resolve("fuzzed");
        Files.write(file, java.util.Arrays.copyOfRange(input, 1, input.length));
        CopyOptions options = new CopyOptions((input[0] & 4) != 0, (input[0] & 8) != 0 ? ';' : ',', 7);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader =
                        CopyReader.open(format, file, format == CopyFormat.FVECS ? FVECS : TEXT, allocator, options)) {
            while (reader.loadNextBatch()) {
                reader.getVectorSchemaRoot().contentToTSVString();
            }
        } catch (CopyFormatException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new IllegalStateException("error does not name the file: " + e.getMessage(), e);
            }
        }
    }
}
