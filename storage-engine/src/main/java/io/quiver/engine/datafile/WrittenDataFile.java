package io.quiver.engine.datafile;

import java.nio.file.Path;
import java.util.List;

/** A finished, durable data file, as a manifest will reference it. */
public record WrittenDataFile(Path path, byte[] fileId, long sizeBytes, long rowCount, List<Integer> fieldIds) {
    public WrittenDataFile {
        fileId = fileId.clone();
        fieldIds = List.copyOf(fieldIds);
    }

    @Override
    public byte[] fileId() {
        return fileId.clone();
    }
}
