package io.quiver.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quiver.blob.Blob;
import io.quiver.blob.BlobPacker;
import io.quiver.blob.BlobStore;
import io.quiver.blob.WrittenPack;
import io.quiver.engine.testing.UntrustedInputs;
import io.quiver.engine.testing.UntrustedInputs.Parts;
import io.quiver.format.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Jazzer fuzz tests of the blob readers: a pack's index, a pack's body, and the descriptors data
 * files store. Everything must either read or fail with a typed corruption error. Regression mode
 * replays {@code src/test/resources/io/quiver/engine/BlobPackFuzzTestInputs}; fuzzing mode:
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl storage-engine -Dtest='BlobPackFuzzTest#descriptor'}.
 */
class BlobPackFuzzTest {
    private static final Path DIR;
    private static final byte[] PACK_ID;
    private static final Parts SAMPLE;

    static {
        try {
            DIR = Files.createTempDirectory("quiver-blob-fuzz");
            DIR.toFile().deleteOnExit();
            // Blobs of 0, 1, 70,000 (two chunks) and 5,000 bytes, all packed.
            Random random = new Random(7);
            WrittenPack pack;
            try (BlobPacker packer = new BlobPacker(DIR, 0, 1 << 20)) {
                for (int size : new int[] {0, 1, 70_000, 5_000}) {
                    byte[] blob = new byte[size];
                    random.nextBytes(blob);
                    packer.add(blob, 0, size);
                }
                pack = packer.finish().getFirst();
            }
            PACK_ID = pack.packId();
            SAMPLE = UntrustedInputs.parts(Files.readAllBytes(DIR.resolve(pack.fileName())), FileKind.BLOB_PACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's blobs under a fuzzed index. */
    @FuzzTest(maxDuration = "60s")
    void index(byte[] metadata) throws IOException {
        verify(UntrustedInputs.envelope(FileKind.BLOB_PACK, PACK_ID, SAMPLE.body(), metadata));
    }

    /** Fuzzed blob bytes and chunk checksums under the sample's index. */
    @FuzzTest(maxDuration = "60s")
    void body(byte[] body) throws IOException {
        verify(UntrustedInputs.envelope(FileKind.BLOB_PACK, PACK_ID, body, SAMPLE.metadata()));
    }

    /**
     * A fuzzed descriptor read against the intact sample pack. A packed descriptor (tag 2, 37
     * bytes) gets the sample's pack id, so that offsets, lengths and checksums reach the reader.
     */
    @FuzzTest(maxDuration = "60s")
    void descriptor(byte[] descriptor) throws IOException {
        Path dir = writePack(UntrustedInputs.envelope(FileKind.BLOB_PACK, PACK_ID, SAMPLE.body(), SAMPLE.metadata()));
        if (descriptor.length == 37 && descriptor[0] == 2) {
            System.arraycopy(PACK_ID, 0, descriptor, 1, PACK_ID.length);
        }
        try (BlobStore store = new BlobStore(dir)) {
            Blob blob = store.blob(descriptor, "fuzzed descriptor");
            readEveryWay(blob);
        } catch (IOException e) {
            if (!UntrustedInputs.isTyped(e)) {
                throw e;
            }
        }
    }

    private static void verify(byte[] packFile) throws IOException {
        Path dir = writePack(packFile);
        try (BlobStore store = new BlobStore(dir)) {
            store.verifyPack(PACK_ID);
        } catch (IOException e) {
            if (!UntrustedInputs.isTyped(e)) {
                throw e;
            }
        }
    }

    private static Path writePack(byte[] packFile) throws IOException {
        Path dir = DIR.resolve("fuzzed");
        Files.createDirectories(dir);
        Files.write(dir.resolve(BlobStore.packFileName(PACK_ID)), packFile);
        return dir;
    }

    /** A full read, a streamed read and a ranged read in the middle. */
    private static void readEveryWay(Blob blob) throws IOException {
        if (blob.length() < Integer.MAX_VALUE - 8) {
            blob.readAllBytes();
        }
        try (InputStream in = blob.openStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        try (SeekableByteChannel channel = blob.channel()) {
            channel.position(blob.length() / 2);
            channel.read(ByteBuffer.allocate(100));
        }
    }
}
