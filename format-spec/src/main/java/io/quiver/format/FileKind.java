package io.quiver.format;

/** The kinds of Quiver files. The id is written in every file header; never reuse one. */
public enum FileKind {
    MANIFEST(1, "manifest"),
    DATA(2, "data file"),
    DELETION(3, "deletion file"),
    BLOB_PACK(4, "blob pack"),
    PK_INDEX(5, "primary-key index"),
    VECTOR_INDEX(6, "vector index");

    private final int id;
    private final String description;

    FileKind(int id, String description) {
        this.id = id;
        this.description = description;
    }

    public int id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Returns the kind with this on-disk id, or null when the id is unknown. */
    public static FileKind fromId(int id) {
        for (FileKind kind : values()) {
            if (kind.id == id) {
                return kind;
            }
        }
        return null;
    }
}
