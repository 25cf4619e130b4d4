package io.quiver.engine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The few file-system moves a commit is built from. Files are written once under a fresh name,
 * forced to disk, and published with a primitive that fails if the target exists: a hard link
 * ({@link Files#createLink}), never a rename, which on POSIX silently replaces the target.
 */
public final class DurableFiles {
    private DurableFiles() {}

    /** Writes a whole new file (which must not exist) and forces it to disk. */
    public static void writeNew(Path path, FileBody body) throws IOException {
        boolean done = false;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            body.writeTo(channel);
            channel.force(true);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Publishes {@code body} as {@code target} only if no file of that name exists; returns false
     * if one does (another writer won). The content is complete and durable before the name
     * appears, so readers never see a partial file through this path.
     */
    public static boolean publishIfAbsent(Path target, FileBody body) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve(".tmp-" + UUID.randomUUID() + "-" + target.getFileName());
        writeNew(temp, body);
        boolean linked;
        try {
            Files.createLink(target, temp);
            linked = true;
        } catch (FileAlreadyExistsException e) {
            linked = false;
        } finally {
            deleteBestEffort(temp);
        }
        syncDirectory(dir);
        return linked;
    }

    /** A leftover temporary file is harmless (cleanup removes it), so failing to delete it is not an error. */
    private static void deleteBestEffort(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for cleanup
        }
    }

    /** Makes the directory's entries (new names, removed names) durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for sync; there is nothing more we can do there.
            if (!isDirectorySyncUnsupported(e)) {
                throw e;
            }
        }
    }

    private static boolean isDirectorySyncUnsupported(IOException e) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("win");
    }

    /** Writes a file's bytes to a channel. */
    @FunctionalInterface
    public interface FileBody {
        void writeTo(FileChannel channel) throws IOException;
    }
}
