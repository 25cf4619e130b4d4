package io.quiver.engine;

import io.quiver.engine.commit.Snapshot;
import io.quiver.engine.pk.KeyCodec;
import io.quiver.engine.pk.PrimaryKey;
import io.quiver.engine.scan.ScanSpec;
import io.quiver.engine.scan.TableScanner;
import io.quiver.engine.schema.TableSchema;
import io.quiver.format.CorruptFileException;
import io.quiver.format.proto.Fragment;
import io.quiver.pk.KeyHash;
import io.quiver.pk.PkIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Checks a version of a table with a primary key: every fragment has a key index whose entries
 * are exactly its rows' key hashes, and no key is held by two live rows.
 */
final class KeyAudit {
    private KeyAudit() {}

    static void verify(Dataset dataset, Snapshot s) throws IOException {
        PrimaryKey key = PrimaryKey.of(s.manifest());
        if (key == null) {
            return;
        }
        KeyCodec codec = new KeyCodec(key, s.schema());
        TableSchema keySchema = s.schema().project(key.columns());
        Map<ByteBuffer, Long> live = new HashMap<>();
        for (Fragment f : s.fragments()) {
            String where = "the key index of fragment " + f.getId();
            if (!f.hasPkIndex()) {
                throw new CorruptFileException(where, "is missing from the manifest");
            }
            PkIndex index = dataset.files().pkIndex(f);
            if (index.entries() != f.getPhysicalRows()) {
                throw new CorruptFileException(
                        f.getPkIndex().getPath(),
                        "has " + index.entries() + " entries for " + f.getPhysicalRows() + " rows");
            }
            ScanSpec spec =
                    new ScanSpec(keySchema, null, -1, ScanSpec.defaultBatchSize(keySchema.columns()), true, true);
            var data = dataset.files().open(f);
            try (TableScanner scanner = new TableScanner(dataset.allocator(), dataset.files(), List.of(f), spec)) {
                while (scanner.loadNextBatch()) {
                    VectorSchemaRoot batch = scanner.getVectorSchemaRoot();
                    List<FieldVector> keyVectors =
                            key.columns().stream().map(batch::getVector).toList();
                    FieldVector addresses = batch.getVector(ScanSpec.ROW_ADDRESS);
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        int row = (int) ((Long) addresses.getObject(i) & 0xFFFF_FFFFL);
                        byte[] k = codec.encode(keyVectors, i);
                        if (java.util.Arrays.stream(index.rows(KeyHash.of(k))).noneMatch(r -> r == row)) {
                            throw new CorruptFileException(
                                    f.getPkIndex().getPath(), "lacks the key of row " + row + ": " + codec.decode(k));
                        }
                        if (!data.isDeleted(row) && live.put(ByteBuffer.wrap(k), (f.getId() << 32) | row) != null) {
                            throw new CorruptFileException(
                                    "fragment " + f.getId(), "holds key " + codec.decode(k) + " a second time");
                        }
                    }
                }
            }
        }
    }
}
