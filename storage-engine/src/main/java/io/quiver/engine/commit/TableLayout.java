package io.quiver.engine.commit;

import io.quiver.engine.io.DurableFiles;
import io.quiver.format.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a table keeps its files (SPEC.md, "Table directory"). Paths recorded in manifests are
 * relative and checked against a strict pattern, so a damaged or hostile manifest can never
 * make Quiver read or delete a file outside the table directory.
 */
public final class TableLayout {
    public static final String VERSIONS = "_versions";
    public static final String DATA = "data";
    public static final String DELETIONS = "deletions";
    public static final String BLOBS = "blobs";
    public static final String INDEXES = "indexes";
    public static final String MANIFEST_SUFFIX = ".qvm";
    public static final String DATA_SUFFIX = ".qvd";
    public static final String DELETION_SUFFIX = ".qdl";

    private static final Pattern MANIFEST_NAME = Pattern.compile("(\\d{20})\\" + MANIFEST_SUFFIX);
    private static final Pattern REFERENCED = Pattern.compile(
            "data/[A-Za-z0-9_-]{1,100}\\.qvd|deletions/[A-Za-z0-9_-]{1,100}\\.qdl|blobs/[0-9a-f]{32}\\.qvb"
                    + "|indexes/[A-Za-z0-9_-]{1,100}\\.(qpk|qvi)");

    private final Path root;

    public TableLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path versionsDir() {
        return root.resolve(VERSIONS);
    }

    public Path manifestPath(long version) {
        return versionsDir().resolve(manifestName(version));
    }

    public static String manifestName(long version) {
        return String.format("%020d%s", version, MANIFEST_SUFFIX);
    }

    /** The version a manifest file name stands for, or -1 if the name is not a manifest's. */
    public static long versionOf(String fileName) {
        var m = MANIFEST_NAME.matcher(fileName);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A fresh relative path for a new data file. */
    public String newDataFile() {
        return DATA + "/" + UUID.randomUUID() + DATA_SUFFIX;
    }

    public Path blobsDir() {
        return root.resolve(BLOBS);
    }

    /** The relative path of a blob pack, which is named after its id. */
    public static String blobPackPath(String packFileName) {
        return BLOBS + "/" + packFileName;
    }

    /** A fresh relative path for a new primary-key index file. */
    public String newPkIndexFile() {
        return INDEXES + "/" + UUID.randomUUID() + ".qpk";
    }

    /** A fresh relative path for a new vector index file. */
    public String newVectorIndexFile() {
        return INDEXES + "/" + UUID.randomUUID() + ".qvi";
    }

    /** A fresh relative path for a new deletion file of a fragment. */
    public String newDeletionFile(long fragmentId) {
        return DELETIONS + "/" + fragmentId + "-" + UUID.randomUUID() + DELETION_SUFFIX;
    }

    /** Resolves a path read from a manifest, refusing anything but a plain file under data/, deletions/ or blobs/. */
    public Path resolve(String relative, String manifestName) throws CorruptFileException {
        if (!REFERENCED.matcher(relative).matches()) {
            throw new CorruptFileException(manifestName, "refers to an invalid file path '" + truncate(relative) + "'");
        }
        return root.resolve(relative);
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /**
     * Creates the table's directories and makes their names durable: each directory that holds a
     * new name is synced, up to the first ancestor that already existed.
     */
    public void createDirectories() throws IOException {
        Path existing = root;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(versionsDir());
        Files.createDirectories(root.resolve(DATA));
        Files.createDirectories(root.resolve(DELETIONS));
        Files.createDirectories(blobsDir());
        Files.createDirectories(root.resolve(INDEXES));
        DurableFiles.syncDirectory(root);
        for (Path dir = root; !dir.equals(existing) && dir.getParent() != null; dir = dir.getParent()) {
            DurableFiles.syncDirectory(dir.getParent());
        }
    }
}
