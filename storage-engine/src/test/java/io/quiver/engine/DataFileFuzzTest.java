package io.quiver.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quiver.engine.testing.SampleDataFile;
import io.quiver.engine.testing.UntrustedInputs;
import io.quiver.engine.testing.UntrustedInputs.Parts;
import io.quiver.format.FileKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Jazzer fuzz tests of the data file reader: open, page table checks, page decoding into Arrow,
 * single-row reads and verify(). Page checksums are made right, so fuzzed bytes reach the page
 * parser and zstd. Regression mode replays {@code src/test/resources/io/quiver/engine/DataFileFuzzTestInputs};
 * fuzzing mode: {@code JAZZER_FUZZ=1 ./mvnw test -pl storage-engine -Dtest='DataFileFuzzTest#metadata'}.
 */
class DataFileFuzzTest {
    private static final Parts SAMPLE = UntrustedInputs.parts(SampleDataFile.bytes(), FileKind.DATA);
    private static final BufferAllocator ALLOCATOR = new RootAllocator();
    private static final Path FILE;

    static {
        try {
            Path dir = Files.createTempDirectory("quiver-fuzz");
            dir.toFile().deleteOnExit();
            FILE = dir.resolve("fuzzed.qvd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's pages with a fuzzed metadata block (the data file's protobuf message). */
    @FuzzTest(maxDuration = "60s")
    void metadata(byte[] metadata) throws IOException {
        read(UntrustedInputs.dataFile(SAMPLE.fileId(), SAMPLE.body(), metadata));
    }

    /** Fuzzed pages under the sample's metadata. */
    @FuzzTest(maxDuration = "60s")
    void pages(byte[] body) throws IOException {
        read(UntrustedInputs.dataFile(SAMPLE.fileId(), body, SAMPLE.metadata()));
    }

    private static void read(byte[] file) throws IOException {
        Files.write(FILE, file);
        try {
            UntrustedInputs.readDataFile(FILE, ALLOCATOR);
        } catch (IOException e) {
            if (!UntrustedInputs.isTyped(e)) {
                throw e;
            }
        }
        if (ALLOCATOR.getAllocatedMemory() != 0) {
            throw new IllegalStateException("leaked " + ALLOCATOR.getAllocatedMemory() + " bytes of Arrow memory");
        }
    }
}
