package io.quiver.blob;

/** A finished pack: its file name in the blobs folder, its id and its size. */
public record WrittenPack(String fileName, byte[] packId, long sizeBytes) {
    public WrittenPack {
        packId = packId.clone();
    }

    @Override
    public byte[] packId() {
        return packId.clone();
    }
}
