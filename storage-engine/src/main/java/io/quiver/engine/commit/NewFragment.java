package io.quiver.engine.commit;

import com.google.protobuf.ByteString;
import io.quiver.engine.datafile.WrittenDataFile;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import java.util.List;

/** A fragment written by a transaction, before the commit gives it an id. */
public record NewFragment(long rows, List<DataFileRef> files) {
    public NewFragment {
        files = List.copyOf(files);
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
        return new NewFragment(written.rowCount(), List.of(ref(layout, written)));
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
        return Fragment.newBuilder()
                .setId(id)
                .setPhysicalRows(rows)
                .addAllFiles(files)
                .build();
    }

    static List<String> paths(List<NewFragment> fragments) {
        return fragments.stream()
                .flatMap(f -> f.files.stream())
                .map(DataFileRef::getPath)
                .toList();
    }
}
