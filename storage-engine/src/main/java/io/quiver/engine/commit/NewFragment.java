package io.quiver.engine.commit;

import com.google.protobuf.ByteString;
import io.quiver.engine.datafile.WrittenDataFile;
import io.quiver.format.proto.BlobPackRef;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.PkIndexRef;
import java.util.List;

/**
 * A fragment written by a transaction, before the commit gives it an id.
 *
 * @param blobPacks every blob pack its BLOB values point into, new or existing
 * @param createdPacks table-relative paths of the packs this transaction wrote and lists first
 *     here (each new pack is listed as created by exactly one fragment)
 * @param pkIndex the primary-key index of the fragment's rows; null when the table has no key
 */
public record NewFragment(
        long rows,
        List<DataFileRef> files,
        List<BlobPackRef> blobPacks,
        List<String> createdPacks,
        PkIndexRef pkIndex) {
    public NewFragment {
        files = List.copyOf(files);
        blobPacks = List.copyOf(blobPacks);
        createdPacks = List.copyOf(createdPacks);
    }

    public static DataFileRef ref(TableLayout layout, WrittenDataFile written) {
        return DataFileRef.newBuilder()
                .setPath(layout.root().relativize(written.path()).toString().replace('\\', '/'))
                .addAllFieldIds(written.fieldIds())
                .setFileId(ByteString.copyFrom(written.fileId()))
                .setSizeBytes(written.sizeBytes())
                .build();
    }

    public static NewFragment of(TableLayout layout, WrittenDataFile written) {
        return new NewFragment(written.rowCount(), List.of(ref(layout, written)), List.of(), List.of(), null);
    }

    /** Adds the fragments with the next free ids, advancing the id counter; returns their rows. */
    static long addTo(Manifest.Builder next, List<NewFragment> fragments) {
        long id = next.getNextFragmentId();
        long rows = 0;
        for (NewFragment f : fragments) {
            next.addFragments(f.withId(id++));
            rows += f.rows();
        }
        next.setNextFragmentId(id);
        return rows;
    }

    private Fragment withId(long id) {
        if (id > ManifestFiles.MAX_FRAGMENT_ID) {
            throw new IllegalStateException("the table has used all 2^32 fragment ids");
        }
        Fragment.Builder f = Fragment.newBuilder()
                .setId(id)
                .setPhysicalRows(rows)
                .addAllFiles(files)
                .addAllBlobPacks(blobPacks);
        if (pkIndex != null) {
            f.setPkIndex(pkIndex);
        }
        return f.build();
    }

    public static List<String> paths(List<NewFragment> fragments) {
        return fragments.stream()
                .flatMap(f -> java.util.stream.Stream.of(
                                f.files.stream().map(DataFileRef::getPath),
                                f.createdPacks.stream(),
                                java.util.stream.Stream.ofNullable(f.pkIndex).map(PkIndexRef::getPath))
                        .flatMap(s -> s))
                .toList();
    }
}
